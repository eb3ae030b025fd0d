//! A subscription as Polar's customer portal speaks it (`CustomerSubscription`), the
//! bodies that change one (`CustomerSubscriptionUpdate`'s six variants), a change's
//! price preview (`SubscriptionChargePreview`) and the customer session that
//! authorizes it. Field names, types and nullability follow Polar's OpenAPI document;
//! reading is lenient (an unknown status or reason reads as `Unknown`, never an error),
//! writing is exact.

pub mod model;
pub mod read;
pub mod status;
pub mod texts;
pub mod update;
pub mod view;

pub use model::{
    ChargePreview, CustomerOrganization, CustomerSession, CustomerSubscription, CustomerSubscriptionProduct,
    NextChargeWindow, Pagination, PastDue, PendingUpdate, PortalSettings, PortalSubscriptionSettings, Proration,
    SubscriptionList,
};
pub use status::{CancellationReason, ProrationBehavior, SubscriptionStatus};
pub use update::{ChangePreviewBody, SubscriptionUpdate};
