//! The closed vocabularies of a subscription: its status, why a customer cancels, and
//! how the organization prorates a change. Each reads an unknown spelling as `Unknown`
//! so a status Polar adds tomorrow shows as "unknown" instead of failing the widget.

use serde::{Deserialize, Serialize};

/// Polar's `SubscriptionStatus`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// The first payment has not gone through yet.
    Incomplete,
    /// The first payment never went through.
    IncompleteExpired,
    /// In its free trial.
    Trialing,
    /// Paid up and running.
    #[default]
    Active,
    /// A renewal payment failed; retries are under way.
    PastDue,
    /// Ended.
    Canceled,
    /// Retries were exhausted.
    Unpaid,
    /// Paused by the customer.
    Paused,
    /// A status this version of Kassa does not know.
    #[serde(other)]
    Unknown,
}

impl SubscriptionStatus {
    /// Every status Polar's document names, in its order.
    pub const ALL: [Self; 8] = [
        Self::Incomplete,
        Self::IncompleteExpired,
        Self::Trialing,
        Self::Active,
        Self::PastDue,
        Self::Canceled,
        Self::Unpaid,
        Self::Paused,
    ];

    /// Polar's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incomplete => "incomplete",
            Self::IncompleteExpired => "incomplete_expired",
            Self::Trialing => "trialing",
            Self::Active => "active",
            Self::PastDue => "past_due",
            Self::Canceled => "canceled",
            Self::Unpaid => "unpaid",
            Self::Paused => "paused",
            Self::Unknown => "unknown",
        }
    }

    /// Parses Polar's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the subscription is billed (Polar's `billable`: trialing, active, past due).
    pub fn is_billable(self) -> bool {
        matches!(self, Self::Trialing | Self::Active | Self::PastDue)
    }

    /// Whether the subscription is over (Polar's `revoked`: canceled or unpaid).
    pub fn is_revoked(self) -> bool {
        matches!(self, Self::Canceled | Self::Unpaid)
    }
}

/// Polar's `CustomerCancellationReason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancellationReason {
    /// Unhappy with support.
    CustomerService,
    /// Quality too low.
    LowQuality,
    /// Features missing.
    MissingFeatures,
    /// Moved to another service.
    SwitchedService,
    /// Too hard to use.
    TooComplex,
    /// Too expensive.
    TooExpensive,
    /// Not used.
    Unused,
    /// Something else.
    Other,
    /// A reason this version of Kassa does not know.
    #[serde(other)]
    Unknown,
}

impl CancellationReason {
    /// Every reason Polar's document names, in its order.
    pub const ALL: [Self; 8] = [
        Self::CustomerService,
        Self::LowQuality,
        Self::MissingFeatures,
        Self::SwitchedService,
        Self::TooComplex,
        Self::TooExpensive,
        Self::Unused,
        Self::Other,
    ];

    /// Polar's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CustomerService => "customer_service",
            Self::LowQuality => "low_quality",
            Self::MissingFeatures => "missing_features",
            Self::SwitchedService => "switched_service",
            Self::TooComplex => "too_complex",
            Self::TooExpensive => "too_expensive",
            Self::Unused => "unused",
            Self::Other => "other",
            Self::Unknown => "unknown",
        }
    }

    /// Parses Polar's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Polar's `SubscriptionProrationBehavior`: what a plan or seat change costs and when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProrationBehavior {
    /// Applies now and is charged now, prorated.
    Invoice,
    /// Applies now; the prorated difference is added to the next invoice.
    #[default]
    Prorate,
    /// Applies at the start of the next period, as a pending update.
    NextPeriod,
    /// Applies now and restarts the billing cycle, charging in full.
    Reset,
    /// A behaviour this version of Kassa does not know.
    #[serde(other)]
    Unknown,
}

impl ProrationBehavior {
    /// Polar's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::Prorate => "prorate",
            Self::NextPeriod => "next_period",
            Self::Reset => "reset",
            Self::Unknown => "unknown",
        }
    }

    /// Parses the spellings an organization may set (`reset` is not one of them).
    pub fn parse_setting(s: &str) -> Option<Self> {
        [Self::Invoice, Self::Prorate, Self::NextPeriod].into_iter().find(|v| v.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_and_a_new_one_reads_as_unknown() {
        for status in SubscriptionStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(serde_json::from_str::<SubscriptionStatus>(&json).unwrap(), status);
            assert_eq!(SubscriptionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(serde_json::from_str::<SubscriptionStatus>("\"frozen\"").unwrap(), SubscriptionStatus::Unknown);
        assert_eq!(SubscriptionStatus::parse("frozen"), None);
    }

    #[test]
    fn billable_and_revoked_follow_polar() {
        use SubscriptionStatus::*;
        let billable: Vec<_> = SubscriptionStatus::ALL.into_iter().filter(|s| s.is_billable()).collect();
        assert_eq!(billable, [Trialing, Active, PastDue]);
        let revoked: Vec<_> = SubscriptionStatus::ALL.into_iter().filter(|s| s.is_revoked()).collect();
        assert_eq!(revoked, [Canceled, Unpaid]);
    }

    #[test]
    fn every_reason_round_trips_and_a_new_one_reads_as_unknown() {
        for reason in CancellationReason::ALL {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(serde_json::from_str::<CancellationReason>(&json).unwrap(), reason);
            assert_eq!(CancellationReason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(serde_json::from_str::<CancellationReason>("\"bored\"").unwrap(), CancellationReason::Unknown);
    }

    #[test]
    fn an_organization_sets_three_of_the_four_behaviours() {
        assert_eq!(ProrationBehavior::parse_setting("next_period"), Some(ProrationBehavior::NextPeriod));
        assert_eq!(ProrationBehavior::parse_setting("reset"), None);
        assert_eq!(serde_json::from_str::<ProrationBehavior>("\"reset\"").unwrap(), ProrationBehavior::Reset);
        assert_eq!(serde_json::from_str::<ProrationBehavior>("\"later\"").unwrap(), ProrationBehavior::Unknown);
    }
}
