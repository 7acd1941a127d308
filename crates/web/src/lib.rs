//! 网站 the repository on the web: server-rendered pages in Chinese that work
//! without JavaScript, a JSON twin of every page under `/api`, CSV and XLSX
//! downloads of every table and view, an OpenAPI 3.1 description, and
//! sign-in (or an API token) for the few requests that change anything.
//!
//! Reading is public. Every change — upload, delete, re-import — needs a
//! signed-in user whose form carries the session's CSRF token, or an API
//! token (`Authorization: Bearer …`); each is written to the audit log.
//! Every page is rendered with maud, which escapes all text by construction;
//! a strict Content-Security-Policy forbids scripts and inline styles.

mod auth;
mod download;
mod handlers;
mod openapi;
mod pages;
mod views;

pub use auth::{hash_password, new_token, verify_password};
pub use openapi::openapi_document;
pub use views::*;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use yusuan_import::Limits;
use yusuan_store::Store;

/// How `yusuan serve` runs the site.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// A SQLite file or `sqlite:`/`postgres://` URL, as `Store::open` takes.
    pub database: String,
    pub listen: SocketAddr,
    pub limits: Limits,
    /// Mark cookies `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (the
    /// sign-in rate limit counts by client address).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// What every request shares: the repository, the upload limits, the
/// sign-in rate limiter.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    limits: Limits,
    secure_cookies: bool,
    trusted_proxies: Vec<std::net::IpAddr>,
    limiter: Mutex<auth::Limiter>,
}

impl AppState {
    pub fn new(store: Store, limits: Limits) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                limits,
                secure_cookies: false,
                trusted_proxies: Vec::new(),
                limiter: Mutex::new(auth::Limiter::default()),
            }),
        }
    }

    /// The same state with cookies marked `Secure` or not.
    pub fn with_secure_cookies(self, secure: bool) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store: self.inner.store.clone(),
                limits: self.inner.limits,
                secure_cookies: secure,
                trusted_proxies: self.inner.trusted_proxies.clone(),
                limiter: Mutex::new(auth::Limiter::default()),
            }),
        }
    }

    /// The same state trusting these proxies' `X-Forwarded-For`.
    pub fn with_trusted_proxies(self, proxies: Vec<std::net::IpAddr>) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store: self.inner.store.clone(),
                limits: self.inner.limits,
                secure_cookies: self.inner.secure_cookies,
                trusted_proxies: proxies,
                limiter: Mutex::new(auth::Limiter::default()),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    pub(crate) fn secure_cookies(&self) -> bool {
        self.inner.secure_cookies
    }

    pub(crate) fn trusted_proxies(&self) -> &[std::net::IpAddr] {
        &self.inner.trusted_proxies
    }

    pub(crate) fn limiter(&self) -> std::sync::MutexGuard<'_, auth::Limiter> {
        // A poisoned lock only means another request panicked mid-update;
        // the counts are still usable.
        self.inner.limiter.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A request that could not be answered: its status and a message in
/// Chinese, shown as a page or as JSON `{"error": …}`.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn not_found(what: &str) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, format!("未找到{what}"))
    }

    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<yusuan_store::StoreError> for Failure {
    fn from(e: yusuan_store::StoreError) -> Failure {
        eprintln!("yusuan-web: {e}");
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "数据库出错，请稍后再试 / database error",
        )
    }
}

/// The routes under `/api`, recorded as they are added so that the OpenAPI
/// document can be tested against what the router really serves.
pub(crate) struct ApiRoutes {
    router: Router<AppState>,
    paths: Vec<(Method, &'static str)>,
}

impl ApiRoutes {
    fn new() -> ApiRoutes {
        ApiRoutes {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    fn route(
        mut self,
        path: &'static str,
        methods: &[Method],
        handler: MethodRouter<AppState>,
    ) -> ApiRoutes {
        for m in methods {
            self.paths.push((m.clone(), path));
        }
        self.router = self.router.route(path, handler);
        self
    }
}

fn api_routes_and_router(limits: &Limits) -> ApiRoutes {
    use handlers as h;
    let upload_limit = upload_body_limit(limits);
    ApiRoutes::new()
        .route("/api", &[Method::GET], get(h::api_home))
        .route("/api/search", &[Method::GET], get(h::api_search))
        .route("/api/regions/{id}", &[Method::GET], get(h::api_region))
        .route(
            "/api/departments/{id}",
            &[Method::GET],
            get(h::api_department),
        )
        .route(
            "/api/disclosures",
            &[Method::GET, Method::POST],
            get(h::api_disclosures)
                .post(h::api_upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/api/disclosures/{id}",
            &[Method::GET, Method::DELETE],
            get(h::api_disclosure).delete(h::api_delete),
        )
        .route(
            "/api/disclosures/{id}/reimport",
            &[Method::POST],
            post(h::api_reimport),
        )
        .route(
            "/api/disclosures/{id}/facts",
            &[Method::GET],
            get(h::api_facts),
        )
        .route(
            "/api/disclosures/{id}/tables/{n}",
            &[Method::GET],
            get(h::api_table),
        )
        .route("/api/compare", &[Method::GET], get(h::api_compare))
        .route("/api/views/{view}", &[Method::GET], get(h::api_view))
        .route("/api/audit", &[Method::GET], get(h::api_audit))
        .route("/api/openapi.json", &[Method::GET], get(h::api_openapi))
}

/// Every `(method, path)` the router serves under `/api`.
pub fn api_routes() -> Vec<(Method, &'static str)> {
    api_routes_and_router(&Limits::default()).paths
}

/// The largest request body an upload may have: the file limit and room
/// for the multipart framing and the other fields.
fn upload_body_limit(limits: &Limits) -> usize {
    usize::try_from(limits.max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024)
}

/// The whole site.
pub fn app(state: AppState) -> Router {
    use handlers as h;
    let upload_limit = upload_body_limit(state.limits());
    let api = api_routes_and_router(state.limits()).router;
    Router::new()
        .route("/", get(h::home))
        .route("/search", get(h::search))
        .route("/regions/{id}", get(h::region))
        .route("/departments/{id}", get(h::department))
        .route("/disclosures/{id}", get(h::disclosure))
        .route("/disclosures/{id}/facts.csv", get(h::facts_csv))
        .route("/disclosures/{id}/facts.xlsx", get(h::facts_xlsx))
        .route("/disclosures/{id}/source", get(h::source))
        .route("/disclosures/{id}/tables/{file}", get(h::table_download))
        .route("/disclosures/{id}/delete", post(h::delete_form))
        .route("/disclosures/{id}/reimport", post(h::reimport_form))
        .route("/compare", get(h::compare))
        .route("/views/{view}", get(h::view))
        .route("/audit", get(h::audit))
        .route("/signin", get(h::signin_form).post(h::signin))
        .route("/signout", post(h::signout))
        .route(
            "/upload",
            get(h::upload_form)
                .post(h::upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/static/style.css", get(h::style))
        .merge(api)
        .fallback(h::not_found)
        .method_not_allowed_fallback(h::method_not_allowed)
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// The headers every response carries.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Open the repository and serve the site until Ctrl-C.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let store = Store::open(&config.database).await?;
    let state = AppState::new(store.clone(), config.limits)
        .with_secure_cookies(config.secure_cookies)
        .with_trusted_proxies(config.trusted_proxies);
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    eprintln!("yusuan: serving http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    store.close().await;
    Ok(())
}

/// A failure as a JSON answer.
pub(crate) fn json_failure(f: Failure) -> Response {
    let mut r = (
        f.status,
        axum::Json(serde_json::json!({ "error": f.message })),
    )
        .into_response();
    if f.status == StatusCode::UNAUTHORIZED {
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    r
}
