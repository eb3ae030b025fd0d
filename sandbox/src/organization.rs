//! The sandbox's one organization, as its customers see it (`CustomerOrganization`):
//! its name and, changeable by the merchant for the demo and the tests, how a
//! customer's plan or seat change is prorated and what the portal lets a customer do.

use kassa_core::subscription::{CustomerOrganization, PortalSettings, PortalSubscriptionSettings, ProrationBehavior};
use serde::{Deserialize, Serialize};

use crate::catalog;

/// When the organization "was created", as every answer that carries it says.
pub const CREATED_AT: &str = "2026-01-01T00:00:00Z";
/// Its name, shown in checkouts and the customer portal.
pub const NAME: &str = "Kassa Sandbox Shop";
/// Its slug: the customer portal's organization path.
pub const SLUG: &str = "kassa-sandbox";

/// What the merchant can set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How a customer's change is prorated. Polar's default is `prorate`; the sandbox
    /// starts at `invoice`, what its checkouts have always shown.
    pub proration_behavior: ProrationBehavior,
    /// What the portal allows. The sandbox allows pausing (Polar's default does not):
    /// the demo shows every action.
    pub subscription: PortalSubscriptionSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            proration_behavior: ProrationBehavior::Invoice,
            subscription: PortalSubscriptionSettings { update_seats: true, update_plan: true, pause: true },
        }
    }
}

impl Settings {
    /// The organization as the customer portal shows it.
    pub fn render(&self) -> CustomerOrganization {
        CustomerOrganization {
            created_at: CREATED_AT.into(),
            modified_at: None,
            id: catalog::ORGANIZATION_ID.into(),
            name: NAME.into(),
            slug: SLUG.into(),
            avatar_url: None,
            proration_behavior: self.proration_behavior,
            // Polar's `allow_customer_updates` is `update_plan` under another name.
            allow_customer_updates: self.subscription.update_plan,
            customer_portal_settings: PortalSettings {
                usage: kassa_core::subscription::model::PortalUsageSettings { show: true },
                subscription: self.subscription.clone(),
            },
        }
    }
}
