//! Polar's `CheckoutUpdatePublic`: the body of `PATCH /v1/checkouts/client/{secret}`
//! (and, with a payment token, of `POST …/confirm`). One type for both sides: the widget
//! serializes it, the sandbox parses it, so they agree on every key.
//!
//! Absent fields are left untouched and `null` clears, so each field is a [`Patch`].
//! The fields are listed once, in [`update_fields!`]: the struct, the [`Field`]
//! vocabulary, and everything that walks every field (`fields`, `merge`, `take`) are
//! generated from that one list, so adding a field cannot leave one of them behind.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::checkout::field::FieldSet;
use crate::checkout::Address;

/// One field of an update: not sent, sent as `null`, or sent with a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Not in the body: leave the field as it is.
    #[default]
    Absent,
    /// `null`: clear the field.
    Null,
    /// A new value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the field is not in the body.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// The value, if one was sent.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Applies the patch to `field`: absent keeps it, null clears it, a value replaces it.
    pub fn apply_to(&self, field: &mut Option<T>)
    where
        T: Clone,
    {
        match self {
            Self::Absent => {}
            Self::Null => *field = None,
            Self::Value(v) => *field = Some(v.clone()),
        }
    }

    /// Combines two patches of the same field: the later one wins unless it is absent.
    pub fn then(self, later: Self) -> Self {
        if later.is_absent() {
            self
        } else {
            later
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Skipped by `skip_serializing_if`; if reached, it is a null.
            Self::Absent | Self::Null => serializer.serialize_none(),
            Self::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Reached only when the key is present; absence is the `Default`.
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Self::Value(v),
            None => Self::Null,
        })
    }
}

/// Generates [`CheckoutUpdate`], the [`Field`] enum and the per-field walks from one
/// list of `wire_name: Type => Variant` lines.
macro_rules! update_fields {
    ($( $(#[doc = $doc:literal])* $name:ident : $ty:ty => $variant:ident, )*) => {
        /// The body of an update. Unknown keys are refused, so a typo never silently does
        /// nothing. `reason` and `note` are Kassa's extension for the audit trail: they
        /// annotate a change, they are not one (an update of only a reason is empty).
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct CheckoutUpdate {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Patch::is_absent")]
                pub $name: Patch<$ty>,
            )*
            /// Kassa extension: why the update was made (audit trail), at most 100 characters.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub reason: Option<String>,
            /// Kassa extension: a note on the update, at most 500 characters (audit trail).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }

        /// A field of Polar's `CheckoutUpdatePublic`: the one vocabulary the update queue,
        /// the draft, the 422 mapping, the sandbox's rules and the widget's labels share.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Field {
            /// Every field, in wire order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The field's wire name (`customer_email`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => stringify!($name),)*
                }
            }
        }

        impl CheckoutUpdate {
            /// The fields this update sends (absent ones left out).
            pub fn fields(&self) -> FieldSet {
                let mut set = FieldSet::EMPTY;
                $(
                    if !self.$name.is_absent() {
                        set.insert(Field::$variant);
                    }
                )*
                set
            }

            /// This update followed by `later`: per field, the later value wins; a field
            /// `later` does not send keeps this one's. How edits made while a request is
            /// in flight coalesce into the next request. The annotation is the later one's
            /// where it has one.
            pub fn merge(self, later: Self) -> Self {
                Self {
                    $( $name: self.$name.then(later.$name), )*
                    reason: later.reason.or(self.reason),
                    note: later.note.or(self.note),
                }
            }

            /// Takes the fields in `set` out of this update, into a new one (with no
            /// annotation): they are no longer sent from here.
            pub fn take(&mut self, set: FieldSet) -> Self {
                let mut taken = Self::default();
                $(
                    if set.contains(Field::$variant) {
                        taken.$name = std::mem::take(&mut self.$name);
                    }
                )*
                taken
            }
        }
    };
}

update_fields! {
    /// Switch product (must be one of the session's products).
    product_id: String => ProductId,
    /// Switch price (must belong to one of the session's products). Deprecated by Polar
    /// in favour of `product_id`, still honoured.
    product_price_id: String => ProductPriceId,
    /// Pay-what-you-want amount, in minor units.
    amount: i64 => Amount,
    /// Seats, for seat-based prices.
    seats: u32 => Seats,
    /// Whether the buyer purchases as a business.
    is_business_customer: bool => IsBusinessCustomer,
    /// Buyer's name.
    customer_name: String => CustomerName,
    /// Buyer's email.
    customer_email: String => CustomerEmail,
    /// Name on the invoice.
    customer_billing_name: String => CustomerBillingName,
    /// Billing address (replaced whole).
    customer_billing_address: Address => CustomerBillingAddress,
    /// Tax ID.
    customer_tax_id: String => CustomerTaxId,
    /// Discount code; `null` removes the discount.
    discount_code: String => DiscountCode,
    /// Custom field values by slug.
    custom_field_data: serde_json::Map<String, serde_json::Value> => CustomFieldData,
    /// Locale.
    locale: String => Locale,
    /// The payment method type the buyer picked in the payment form (`card`, …).
    payment_method_type: String => PaymentMethodType,
    /// `false` disables the trial; `true` is refused (only Polar's merchant side may).
    allow_trial: bool => AllowTrial,
}

impl CheckoutUpdate {
    /// Whether the update changes nothing (a `reason` or `note` alone changes nothing).
    pub fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn absent_null_and_value_are_three_different_things() {
        let u: CheckoutUpdate = serde_json::from_value(json!({"customer_name": null, "seats": 3})).unwrap();
        assert_eq!(u.customer_name, Patch::Null);
        assert_eq!(u.seats, Patch::Value(3));
        assert_eq!(u.customer_email, Patch::Absent);
        assert_eq!(u.fields().iter().collect::<Vec<_>>(), vec![Field::Seats, Field::CustomerName]);
    }

    #[test]
    fn serializes_only_what_is_sent() {
        let u = CheckoutUpdate { discount_code: Patch::Null, seats: Patch::Value(5), ..Default::default() };
        assert_eq!(serde_json::to_value(&u).unwrap(), json!({"seats": 5, "discount_code": null}));
        assert_eq!(serde_json::to_value(CheckoutUpdate::default()).unwrap(), json!({}));
    }

    #[test]
    fn every_field_round_trips_under_its_wire_name() {
        for &field in Field::ALL {
            let body = json!({ field.name(): null });
            let u: CheckoutUpdate = serde_json::from_value(body.clone()).unwrap();
            assert_eq!(u.fields().iter().collect::<Vec<_>>(), vec![field], "{}", field.name());
            assert_eq!(serde_json::to_value(&u).unwrap(), body);
            assert_eq!(Field::parse(field.name()), Some(field));
        }
        assert_eq!(Field::ALL.len(), 15);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = serde_json::from_value::<CheckoutUpdate>(json!({"customer_id": "x"})).unwrap_err();
        assert!(e.to_string().contains("unknown field `customer_id`"), "{e}");
    }

    #[test]
    fn merge_keeps_the_last_value_per_field_and_take_moves_some_out() {
        let first =
            CheckoutUpdate { seats: Patch::Value(3), customer_name: Patch::Value("A".into()), ..Default::default() };
        let later = CheckoutUpdate { seats: Patch::Value(4), customer_email: Patch::Null, ..Default::default() };
        let mut merged = first.merge(later);
        assert_eq!(merged.seats, Patch::Value(4));
        assert_eq!(merged.customer_name, Patch::Value("A".into()));
        assert_eq!(merged.customer_email, Patch::Null);
        let taken = merged.take([Field::CustomerName, Field::Locale].into_iter().collect());
        assert_eq!(taken.fields().iter().collect::<Vec<_>>(), vec![Field::CustomerName]);
        assert_eq!(merged.fields().iter().collect::<Vec<_>>(), vec![Field::Seats, Field::CustomerEmail]);
    }

    #[test]
    fn a_reason_or_note_annotates_but_is_not_a_change() {
        let note_only =
            CheckoutUpdate { reason: Some("customer_request".into()), note: Some("n".into()), ..Default::default() };
        assert!(note_only.is_empty());
        let with_field = CheckoutUpdate { seats: Patch::Value(2), ..note_only.clone() };
        assert!(!with_field.is_empty());
        // The annotation survives a merge with an update that has none.
        let merged = with_field.merge(CheckoutUpdate { seats: Patch::Value(3), ..Default::default() });
        assert_eq!((merged.reason.as_deref(), &merged.seats), (Some("customer_request"), &Patch::Value(3)));
        assert_eq!(
            serde_json::to_value(&merged).unwrap(),
            json!({"seats": 3, "reason": "customer_request", "note": "n"})
        );
    }

    #[test]
    fn patches_apply_and_combine() {
        let mut name = Some("Ada".to_string());
        Patch::Absent.apply_to(&mut name);
        assert_eq!(name.as_deref(), Some("Ada"));
        Patch::Null.apply_to(&mut name);
        assert_eq!(name, None);
        Patch::Value("Grace".to_string()).apply_to(&mut name);
        assert_eq!(name.as_deref(), Some("Grace"));
        assert_eq!(Patch::Value(1).then(Patch::Absent), Patch::Value(1));
        assert_eq!(Patch::Value(1).then(Patch::Null), Patch::Null);
        assert_eq!(Patch::Null.then(Patch::Value(2)), Patch::Value(2));
    }
}
