//! What the buyer is buying and what it costs.

use kassa_core::checkout::CheckoutPublic;
use kassa_core::i18n::{billing_period, Lang};
use leptos::prelude::*;

use crate::intl::format_integer;
use crate::ui::amounts::{Amount, Amounts};

/// Product, price with its interval, and the total due today.
#[component]
pub fn Summary(
    /// The session to show.
    checkout: CheckoutPublic,
    /// BCP 47 locale for amounts and words.
    locale: String,
) -> impl IntoView {
    let lang = Lang::from_locale(&locale);
    let amounts = Amounts::for_session(&checkout, &locale);
    let product = checkout.selected_product().cloned();
    let name = product.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let description = product.as_ref().and_then(|p| p.description.clone());
    let period = checkout
        .billing_interval()
        .map(|(interval, n)| billing_period(lang, interval, n, &format_integer(n, &locale)));
    let price = if checkout.is_free_product_price {
        view! { <span class="kassa-amount">"Free"</span> }.into_any()
    } else {
        view! { <Amount minor=checkout.amount amounts=amounts.clone() /> }.into_any()
    };
    let currency_note = amounts.local_code().map(|local| {
        format!("You are charged in {}. Amounts in {local} are approximate.", amounts.payment_code())
    });
    view! {
        <section class="kassa-summary" aria-labelledby="kassa-product-name">
            <p class="kassa-merchant">{checkout.organization.name.clone()}</p>
            <h2 class="kassa-product" id="kassa-product-name" data-testid="product-name">
                {name}
            </h2>
            {description.map(|d| view! { <p class="kassa-description">{d}</p> })}
            <p class="kassa-price" data-testid="price">
                {price}
                {period.map(|s| view! { <span class="kassa-price-interval">" " {s}</span> })}
            </p>
            <dl class="kassa-totals" aria-live="polite">
                <div class="kassa-total-row kassa-total-due">
                    <dt>"Total due today"</dt>
                    <dd data-testid="total">
                        <Amount minor=checkout.total_amount amounts=amounts.clone() />
                    </dd>
                </div>
            </dl>
            {currency_note
                .map(|n| view! { <p class="kassa-currency-note" data-testid="currency-note">{n}</p> })}
        </section>
    }
}
