//! The customer portal's subscription endpoints, with a customer session token as the
//! bearer: list, read, change (`PATCH`'s six bodies), cancel (`DELETE`), and Polar's
//! change preview; and Kassa's extension that moves the next charge.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use kassa_core::subscription::{
    ChangePreviewBody, ChargePreview, CustomerSubscription, Pagination, SubscriptionList, SubscriptionUpdate,
};
use serde_json::{json, Value};

use crate::auth::PortalCustomer;
use crate::error::{AppError, FieldError, Result};
use crate::extract::PolarJson;
use crate::portal::{self, Context};
use crate::store::portal::Scope;
use crate::subscription::Subscription;
use crate::AppState;

/// A path `id` that is not a UUID is a 422 at `path.id`, before any lookup.
fn check_id(id: &str) -> Result<()> {
    match uuid::Uuid::parse_str(id) {
        Ok(_) if id.len() == 36 => Ok(()),
        _ => Err(AppError::field(FieldError {
            loc: vec![json!("path"), json!("id")],
            msg: "Input should be a valid UUID".into(),
            kind: "uuid_parsing".into(),
            input: json!(id),
        })),
    }
}

fn body_errors(errors: Vec<kassa_core::subscription::update::BodyError>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|e| {
                let mut loc = vec![json!("body")];
                if !e.field.is_empty() {
                    loc.push(json!(e.field));
                }
                FieldError { loc, msg: e.msg, kind: e.kind.into(), input: e.input }
            })
            .collect(),
    )
}

fn query_error(name: &str, kind: &str, msg: &str, input: &str) -> AppError {
    AppError::field(FieldError {
        loc: vec![json!("query"), json!(name)],
        msg: msg.into(),
        kind: kind.into(),
        input: json!(input),
    })
}

/// The list's query, as Polar reads it.
struct ListQuery {
    product_ids: Vec<String>,
    active: Option<bool>,
    query: Option<String>,
    page: u64,
    limit: u64,
    sorting: Vec<(String, bool)>,
}

fn parse_list_query(raw: Option<&str>) -> Result<ListQuery> {
    let mut q =
        ListQuery { product_ids: Vec::new(), active: None, query: None, page: 1, limit: 10, sorting: Vec::new() };
    for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "product_id" => {
                if uuid::Uuid::parse_str(&value).is_err() {
                    return Err(query_error("product_id", "uuid_parsing", "Input should be a valid UUID", &value));
                }
                q.product_ids.push(value.to_ascii_lowercase());
            }
            "active" => {
                q.active = Some(match value.as_str() {
                    "true" | "1" | "yes" | "on" => true,
                    "false" | "0" | "no" | "off" => false,
                    _ => return Err(query_error("active", "bool_parsing", "Input should be a valid boolean", &value)),
                })
            }
            "query" => q.query = Some(value),
            "page" | "limit" => {
                let n: u64 = value.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    query_error(key, "greater_than", "Input should be a valid integer greater than 0", &value)
                })?;
                // Polar clamps a limit above 100 rather than refusing it.
                if key == "page" {
                    q.page = n;
                } else {
                    q.limit = n.min(100);
                }
            }
            "sorting" => {
                let (name, descending) = value.strip_prefix('-').map_or((value.as_str(), false), |n| (n, true));
                if !["started_at", "amount", "status", "organization", "product"].contains(&name) {
                    return Err(query_error("sorting", "enum", "Input should be a valid sort property", &value));
                }
                q.sorting.push((name.to_string(), descending));
            }
            _ => {}
        }
    }
    if q.sorting.is_empty() {
        q.sorting.push(("started_at".into(), true));
    }
    Ok(q)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn render(state: &AppState, sub: &Subscription, settings: &crate::organization::Settings) -> CustomerSubscription {
    sub.render(&state.catalog, settings, state.now())
}

/// `GET /v1/customer-portal/subscriptions/`.
pub async fn list(
    State(state): State<AppState>,
    PortalCustomer(customer): PortalCustomer,
    RawQuery(raw): RawQuery,
) -> Result<Json<SubscriptionList>> {
    let q = parse_list_query(raw.as_deref())?;
    let now = state.now();
    let catalog = state.catalog.clone();
    let (subs, settings) = state
        .blocking(move |store| Ok((store.subscriptions_of(&customer.id, now, &catalog)?, store.settings()?)))
        .await?;
    let mut items: Vec<CustomerSubscription> = subs
        .iter()
        .filter(|s| s.started_at.is_some())
        .filter(|s| q.product_ids.is_empty() || q.product_ids.contains(&s.product_id))
        .filter(|s| match q.active {
            Some(true) => matches!(
                s.status,
                kassa_core::subscription::SubscriptionStatus::Active
                    | kassa_core::subscription::SubscriptionStatus::Trialing
            ),
            Some(false) => s.status.is_revoked(),
            None => true,
        })
        .map(|s| render(&state, s, &settings))
        .filter(|s| {
            q.query
                .as_deref()
                .is_none_or(|needle| s.product.product.name.to_lowercase().contains(&needle.to_lowercase()))
        })
        .collect();
    items.sort_by(|a, b| {
        for (key, descending) in &q.sorting {
            let order = match key.as_str() {
                "started_at" => a.started_at.cmp(&b.started_at),
                "amount" => a.amount.cmp(&b.amount),
                "status" => a.status.as_str().cmp(b.status.as_str()),
                "product" => a.product.product.name.cmp(&b.product.product.name),
                _ => std::cmp::Ordering::Equal,
            };
            let order = if *descending { order.reverse() } else { order };
            if order != std::cmp::Ordering::Equal {
                return order;
            }
        }
        a.id.cmp(&b.id)
    });
    let total = items.len() as u64;
    let start = ((q.page - 1).saturating_mul(q.limit)) as usize;
    let items: Vec<_> = items.into_iter().skip(start).take(q.limit as usize).collect();
    Ok(Json(SubscriptionList {
        items,
        pagination: Pagination { total_count: total, max_page: total.div_ceil(q.limit) },
    }))
}

/// `GET /v1/customer-portal/subscriptions/{id}`.
pub async fn get(
    State(state): State<AppState>,
    PortalCustomer(customer): PortalCustomer,
    Path(id): Path<String>,
) -> Result<Json<CustomerSubscription>> {
    check_id(&id)?;
    change(&state, customer, id, |_, _| Ok(None)).await
}

/// Runs `f` on the customer's subscription `id` in one transaction; renders the result.
async fn change<F>(
    state: &AppState,
    customer: crate::customer::Customer,
    id: String,
    f: F,
) -> Result<Json<CustomerSubscription>>
where
    F: FnOnce(&mut Subscription, &Context<'_>) -> Result<Option<Vec<String>>> + Send + 'static,
{
    let now = state.now();
    let catalog = state.catalog.clone();
    let (sub, settings) = state
        .blocking(move |store| {
            store.modify_subscription(&id, &customer.id, now, &catalog, |sub, scope: &Scope<'_>| {
                let cx = context(&catalog, scope, now);
                f(sub, &cx)
            })
        })
        .await?;
    Ok(Json(render(state, &sub, &settings)))
}

fn context<'a>(
    catalog: &'a [kassa_core::checkout::CheckoutProduct],
    scope: &'a Scope<'a>,
    now: chrono::DateTime<chrono::Utc>,
) -> Context<'a> {
    Context {
        catalog,
        org: scope.settings,
        now,
        has_payment_method: scope.customer.has_payment_method,
        address: scope.customer.billing_address.as_ref(),
    }
}

/// `PATCH /v1/customer-portal/subscriptions/{id}`: one of Polar's six bodies.
pub async fn update(
    State(state): State<AppState>,
    PortalCustomer(customer): PortalCustomer,
    Path(id): Path<String>,
    PolarJson(body): PolarJson<Value>,
) -> Result<Json<CustomerSubscription>> {
    let update = SubscriptionUpdate::parse(&body).map_err(body_errors)?;
    check_id(&id)?;
    change(&state, customer, id, move |sub, cx| portal::update(sub, &update, cx)).await
}

/// `DELETE /v1/customer-portal/subscriptions/{id}`: cancels at the period's end.
pub async fn cancel(
    State(state): State<AppState>,
    PortalCustomer(customer): PortalCustomer,
    Path(id): Path<String>,
) -> Result<Json<CustomerSubscription>> {
    check_id(&id)?;
    change(&state, customer, id, |sub, cx| {
        portal::cancel(sub, cx.now)?;
        Ok(Some(vec!["cancel_at_period_end=true".into()]))
    })
    .await
}

/// `POST /v1/customer-portal/subscriptions/{id}/change-preview` (Polar's, private in
/// its document): what a plan or seat change would bill, without making it.
pub async fn change_preview(
    State(state): State<AppState>,
    PortalCustomer(customer): PortalCustomer,
    Path(id): Path<String>,
    PolarJson(body): PolarJson<Value>,
) -> Result<Json<ChargePreview>> {
    let body = ChangePreviewBody::parse(&body).map_err(body_errors)?;
    check_id(&id)?;
    let now = state.now();
    let catalog = state.catalog.clone();
    let preview = state
        .blocking(move |store| {
            let mut preview = None;
            store.modify_subscription(&id, &customer.id, now, &catalog, |sub, scope| {
                preview = Some(portal::preview(sub, &body, &context(&catalog, scope, now))?);
                Ok(None)
            })?;
            preview.ok_or_else(|| AppError::Internal("no preview".into()))
        })
        .await?;
    Ok(Json(preview))
}

/// `POST /v1/customer-portal/subscriptions/{id}/next-charge-date` (Kassa's extension,
/// seed 004): `{"next_charge_date": "YYYY-MM-DD"}`.
pub async fn next_charge_date(
    State(state): State<AppState>,
    PortalCustomer(customer): PortalCustomer,
    Path(id): Path<String>,
    PolarJson(body): PolarJson<Value>,
) -> Result<Json<CustomerSubscription>> {
    check_id(&id)?;
    change(&state, customer, id, move |sub, cx| portal::move_next_charge(sub, &body, cx).map(Some)).await
}

/// `GET /v1/customer-portal/organizations/{slug}`: the organization and the products
/// its portal offers (Polar's `CustomerOrganizationData`; no token needed), where a
/// subscription screen finds the plans it may switch to.
pub async fn organization(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<Value>> {
    let settings = state.blocking(|store| store.settings()).await?;
    let organization = settings.render();
    if slug != organization.slug {
        return Err(AppError::NotFound("Not found".into()));
    }
    let products: Vec<_> = state.catalog.iter().filter(|p| p.visibility == "public" && !p.is_archived).collect();
    Ok(Json(json!({ "organization": organization, "products": products })))
}
