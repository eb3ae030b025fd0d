//! What the card form of a session is set up with, as Polar's own checkout sets up
//! Stripe's Payment Element: `payment` mode for the amount due now, or `setup` mode to
//! save a card when nothing is charged today (a trial, a free first period), with
//! `off_session` future usage for what recurs; and the billing details a confirmation
//! token carries, taken from what the buyer typed in Kassa's form.

use serde::Serialize;

use crate::checkout::CheckoutPublic;
use crate::sync::Draft;

/// The options of the card form (`js/payment.js`'s `PaymentOptions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentForm {
    /// Stripe's publishable key, from `payment_processor_metadata`.
    pub publishable_key: String,
    /// `payment` or `setup`.
    pub mode: &'static str,
    /// What is charged now, in minor units (0 in setup mode).
    pub amount: i64,
    /// The session's currency, lower case.
    pub currency: String,
    /// `off_session` where the card pays again later.
    pub setup_future_usage: Option<&'static str>,
}

impl PaymentForm {
    /// The card form `c` needs, if it needs one: `None` where no payment form is
    /// required (free, fully discounted) or the processor gave no publishable key.
    pub fn for_session(c: &CheckoutPublic) -> Option<Self> {
        if !c.is_payment_form_required {
            return None;
        }
        let publishable_key = c.processor_meta("publishable_key")?.to_string();
        let charge = c.is_payment_required && c.active_trial_interval.is_none() && c.total_amount > 0;
        Some(Self {
            publishable_key,
            mode: if charge { "payment" } else { "setup" },
            amount: if charge { c.total_amount } else { 0 },
            currency: c.currency.to_ascii_lowercase(),
            setup_future_usage: c.is_payment_setup_required.then_some("off_session"),
        })
    }
}

/// Stripe's `billing_details`, from the form: the billing name of a business purchase,
/// else the buyer's name; the email; the address as far as it is asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BillingDetails {
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Address.
    pub address: BillingAddress,
}

/// Stripe's address of `billing_details`: every key present, `null` where not given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BillingAddress {
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Street.
    pub line1: Option<String>,
    /// Street, second line.
    pub line2: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State (ISO 3166-2 suffix, as Stripe wants it: `CA`, not `US-CA`).
    pub state: Option<String>,
}

fn given(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl BillingDetails {
    /// The billing details of `draft`.
    pub fn of(draft: &Draft) -> Self {
        let a = &draft.address;
        let name = if draft.is_business_customer { given(&draft.customer_billing_name) } else { None };
        Self {
            name: name.or_else(|| given(&draft.customer_name)),
            email: given(&draft.customer_email),
            address: BillingAddress {
                country: given(&a.country),
                line1: given(&a.line1),
                line2: given(&a.line2),
                postal_code: given(&a.postal_code),
                city: given(&a.city),
                state: given(&a.state).map(|s| s.rsplit('-').next().unwrap_or(&s).to_string()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::checkout::POLAR_FIXTURE as POLAR;

    #[test]
    fn payment_mode_for_a_charge_setup_for_a_trial_none_for_free() {
        let mut c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        c.payment_processor_metadata.insert("publishable_key".into(), "pk_live_1".into());
        (c.is_payment_form_required, c.is_payment_required, c.is_payment_setup_required) = (true, true, true);
        let form = PaymentForm::for_session(&c).unwrap();
        assert_eq!(
            (form.mode, form.amount, form.currency.as_str(), form.setup_future_usage),
            ("payment", 20349, "eur", Some("off_session"))
        );
        c.active_trial_interval = Some(crate::checkout::Interval::Day);
        assert_eq!(PaymentForm::for_session(&c).unwrap().mode, "setup", "a trial saves the card");
        c.is_payment_form_required = false;
        assert_eq!(PaymentForm::for_session(&c), None);
        assert_eq!(
            serde_json::to_value(PaymentForm {
                mode: "setup",
                amount: 0,
                currency: "usd".into(),
                publishable_key: "pk".into(),
                setup_future_usage: None
            })
            .unwrap(),
            serde_json::json!({"publishableKey": "pk", "mode": "setup", "amount": 0, "currency": "usd", "setupFutureUsage": null})
        );
    }

    #[test]
    fn billing_details_come_from_the_form() {
        let c: CheckoutPublic = serde_json::from_str(POLAR).unwrap();
        let mut d = Draft::from_session(&c);
        d.address.state = "US-CA".into();
        let b = BillingDetails::of(&d);
        assert_eq!(b.name.as_deref(), Some("Analytical Engines GmbH"), "a business pays in its own name");
        assert_eq!((b.address.city.as_deref(), b.address.state.as_deref()), (Some("Berlin"), Some("CA")));
        d.is_business_customer = false;
        assert_eq!(BillingDetails::of(&d).name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(BillingDetails::of(&Draft::default()).address.country, None);
    }
}
