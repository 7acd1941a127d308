//! The request handlers: each page, its JSON twin, the downloads, sign-in
//! and the changes.

use crate::auth::{self, ClientIp, Viewer};
use crate::download::{self, Sheet};
use crate::pages::{self, enc};
use crate::views::*;
use crate::{json_failure, AppState, Failure};
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::{Form, Json};
use maud::Markup;
use serde::{Deserialize, Serialize};
use yusuan_render::CellKind;
use yusuan_store::{source_hash, DisclosureFilter, Imported, Session, User};

// ----- answers -----

fn page(viewer: &Viewer, r: Result<Markup, Failure>) -> Response {
    match r {
        Ok(m) => Html(m.into_string()).into_response(),
        Err(f) => failure_page(viewer, f),
    }
}

fn failure_page(viewer: &Viewer, f: Failure) -> Response {
    (f.status, Html(pages::error_page(viewer, &f).into_string())).into_response()
}

fn json<T: Serialize>(r: Result<T, Failure>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(f) => json_failure(f),
    }
}

fn see_other(location: &str) -> Response {
    let value = HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response()
}

fn signin_redirect(next: &str) -> Response {
    see_other(&format!("/signin?next={}", enc(next)))
}

/// A path to go back to after sign-in: only a path of this site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

fn id_of(s: &str) -> Result<i64, Failure> {
    s.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| Failure::not_found("该页面"))
}

// ----- pages and their twins -----

pub async fn home(State(st): State<AppState>, viewer: Viewer) -> Response {
    let r = home_view(st.store()).await;
    page(&viewer, r.map(|v| pages::home(&v, &viewer)))
}

pub async fn api_home(State(st): State<AppState>) -> Response {
    json(home_view(st.store()).await)
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
}

pub async fn search(
    State(st): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
) -> Response {
    let r = search_view(st.store(), p.q.as_deref().unwrap_or("")).await;
    page(&viewer, r.map(|v| pages::search(&v, &viewer)))
}

pub async fn api_search(State(st): State<AppState>, Query(p): Query<SearchParams>) -> Response {
    json(search_view(st.store(), p.q.as_deref().unwrap_or("")).await)
}

pub async fn region(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let r = async { region_view(st.store(), id_of(&id)?).await }.await;
    page(&viewer, r.map(|v| pages::region(&v, &viewer)))
}

pub async fn api_region(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    json(async { region_view(st.store(), id_of(&id)?).await }.await)
}

pub async fn department(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let r = async { department_view(st.store(), id_of(&id)?).await }.await;
    page(&viewer, r.map(|v| pages::department(&v, &viewer)))
}

pub async fn api_department(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    json(async { department_view(st.store(), id_of(&id)?).await }.await)
}

pub async fn disclosure(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let r = async { disclosure_view(st.store(), id_of(&id)?).await }.await;
    page(&viewer, r.map(|v| pages::disclosure(&v, &viewer)))
}

pub async fn api_disclosure(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    json(async { disclosure_view(st.store(), id_of(&id)?).await }.await)
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    pub region: Option<String>,
    pub department: Option<String>,
    pub year: Option<String>,
    /// A page of at most [`PAGE_MAX`] disclosures (default [`PAGE_DEFAULT`]).
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// Disclosures per page of `/api/disclosures`, by default and at most.
const PAGE_DEFAULT: i64 = 1000;
const PAGE_MAX: i64 = 10_000;

/// An optional number parameter: empty is none, anything else must parse.
fn number(name: &str, v: &Option<String>) -> Result<Option<i64>, Failure> {
    match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| Failure::bad_request(format!("参数 {name} 应为数字：{v}"))),
    }
}

pub async fn api_disclosures(State(st): State<AppState>, Query(p): Query<ListParams>) -> Response {
    let (filter, limit, offset) = match (|| {
        Ok::<_, Failure>((
            DisclosureFilter {
                region: number("region", &p.region)?,
                department: number("department", &p.department)?,
                year: number("year", &p.year)?,
            },
            number("limit", &p.limit)?
                .unwrap_or(PAGE_DEFAULT)
                .clamp(1, PAGE_MAX),
            number("offset", &p.offset)?.unwrap_or(0).max(0),
        ))
    })() {
        Ok(f) => f,
        Err(f) => return json_failure(f),
    };
    json(
        st.store()
            .disclosures(&filter, limit, offset)
            .await
            .map(|disclosures| DisclosureList { disclosures })
            .map_err(Failure::from),
    )
}

async fn facts_of(st: &AppState, id: &str) -> Result<FactsView, Failure> {
    let id = id_of(id)?;
    st.store()
        .disclosure_summary(id)
        .await?
        .ok_or_else(|| Failure::not_found("该公开文件"))?;
    Ok(FactsView {
        id,
        facts: st.store().facts(id).await?,
    })
}

pub async fn api_facts(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    json(facts_of(&st, &id).await)
}

fn facts_sheet(v: &FactsView) -> Sheet {
    Sheet {
        title: format!("数据{}", v.id),
        columns: ["table", "row_code", "row_label", "column", "value"]
            .map(String::from)
            .to_vec(),
        rows: v
            .facts
            .iter()
            .map(|f| {
                vec![
                    (f.table.to_string(), true),
                    (f.row_code.clone(), false),
                    (f.row_label.clone(), false),
                    (f.column.clone(), false),
                    (f.value.clone(), true),
                ]
            })
            .collect(),
    }
}

async fn facts_download(st: &AppState, viewer: &Viewer, id: &str, format: &str) -> Response {
    let r = match facts_of(st, id).await {
        Ok(v) => download::sheet_file(
            &facts_sheet(&v),
            format,
            &format!("disclosure-{}-facts", v.id),
        ),
        Err(f) => Err(f),
    };
    r.unwrap_or_else(|f| failure_page(viewer, f))
}

pub async fn facts_csv(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    facts_download(&st, &viewer, &id, "csv").await
}

pub async fn facts_xlsx(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    facts_download(&st, &viewer, &id, "xlsx").await
}

pub async fn source(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let r = async {
        let id = id_of(&id)?;
        let summary = st
            .store()
            .disclosure_summary(id)
            .await?
            .ok_or_else(|| Failure::not_found("该公开文件"))?;
        let (name, bytes) = st
            .store()
            .source_of(id)
            .await?
            .ok_or_else(|| Failure::not_found("该公开文件"))?;
        let kind = if summary.source_format == "pdf" {
            "application/pdf"
        } else {
            "application/octet-stream"
        };
        Ok::<_, Failure>(download::file(bytes, kind, &name))
    }
    .await;
    r.unwrap_or_else(|f| failure_page(&viewer, f))
}

async fn table_of(st: &AppState, id: &str, n: &str) -> Result<(TableView, Vec<bool>), Failure> {
    let id = id_of(id)?;
    let n: u8 = n.parse().map_err(|_| Failure::not_found("该表"))?;
    let stored = st
        .store()
        .disclosure(id)
        .await?
        .ok_or_else(|| Failure::not_found("该公开文件"))?;
    let tables = yusuan_render::form_tables(&stored.disclosure);
    let t = tables
        .iter()
        .find(|t| t.number == n)
        .ok_or_else(|| Failure::not_found(&format!("表{n}")))?;
    let figures = t.kinds.iter().map(|k| *k == CellKind::Figure).collect();
    Ok((TableView::of(t), figures))
}

pub async fn table_download(
    State(st): State<AppState>,
    viewer: Viewer,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let r = async {
        let (n, format) = file
            .split_once('.')
            .ok_or_else(|| Failure::not_found("该表"))?;
        let (t, figures) = table_of(&st, &id, n).await?;
        let sheet = Sheet {
            title: format!("{} {}", t.caption, t.title),
            columns: t.columns.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(c, cell)| (cell.clone(), figures.get(c).copied().unwrap_or(false)))
                        .collect()
                })
                .collect(),
        };
        download::sheet_file(&sheet, format, &format!("disclosure-{id}-table-{n}"))
    }
    .await;
    r.unwrap_or_else(|f| failure_page(&viewer, f))
}

pub async fn api_table(
    State(st): State<AppState>,
    Path((id, n)): Path<(String, String)>,
) -> Response {
    json(table_of(&st, &id, &n).await.map(|(t, _)| t))
}

#[derive(Debug, Default, Deserialize)]
pub struct CompareParams {
    pub a: Option<String>,
    pub b: Option<String>,
}

async fn compare_of(st: &AppState, p: &CompareParams) -> Result<CompareView, Failure> {
    let a = id_of(p.a.as_deref().unwrap_or(""))
        .map_err(|_| Failure::bad_request("请指定要对比的两份文件：/compare?a=编号&b=编号"))?;
    let b = match p.b.as_deref().filter(|b| !b.is_empty()) {
        Some(b) => id_of(b)?,
        None => {
            // Without b: the same department's next year, or its previous.
            let sa = st
                .store()
                .disclosure_summary(a)
                .await?
                .ok_or_else(|| Failure::not_found(&format!("公开文件 {a}")))?;
            let series = st.store().series(sa.department_id).await?;
            series
                .iter()
                .find(|y| y.year > sa.year)
                .or_else(|| series.iter().rev().find(|y| y.year < sa.year))
                .map(|y| y.disclosure_id)
                .ok_or_else(|| Failure::bad_request("请选择要对比的另一份文件（参数 b）"))?
        }
    };
    compare_view(st.store(), a, b).await
}

pub async fn compare(
    State(st): State<AppState>,
    viewer: Viewer,
    Query(p): Query<CompareParams>,
) -> Response {
    let r = compare_of(&st, &p).await;
    page(&viewer, r.map(|v| pages::compare(&v, &viewer)))
}

pub async fn api_compare(State(st): State<AppState>, Query(p): Query<CompareParams>) -> Response {
    json(compare_of(&st, &p).await)
}

fn view_sheet(v: &ViewResult) -> Sheet {
    Sheet {
        title: v.result.title.clone(),
        columns: v.result.columns.clone(),
        rows: v
            .result
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        let figure = matches!(
                            c,
                            yusuan_store::QueryValue::Int(_) | yusuan_store::QueryValue::Wan(_)
                        );
                        (c.text(), figure)
                    })
                    .collect()
            })
            .collect(),
    }
}

fn view_download(v: &ViewResult, format: &str) -> Result<Response, Failure> {
    download::sheet_file(&view_sheet(v), format, &format!("view-{}", v.view))
}

pub async fn view(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(p): Query<ViewParams>,
) -> Response {
    let r = view_result(st.store(), &name, &p).await;
    match (
        r,
        p.format
            .as_deref()
            .filter(|f| !f.is_empty() && *f != "html"),
    ) {
        (Ok(v), Some(format)) => {
            view_download(&v, format).unwrap_or_else(|f| failure_page(&viewer, f))
        }
        (r, _) => page(
            &viewer,
            r.and_then(|v| v.paged(p.page.as_deref()))
                .map(|v| pages::view(&v, &viewer)),
        ),
    }
}

pub async fn api_view(
    State(st): State<AppState>,
    Path(name): Path<String>,
    Query(p): Query<ViewParams>,
) -> Response {
    let r = view_result(st.store(), &name, &p).await;
    match (
        r,
        p.format
            .as_deref()
            .filter(|f| !f.is_empty() && *f != "json"),
    ) {
        (Ok(v), Some(format)) => view_download(&v, format).unwrap_or_else(json_failure),
        (r, _) if p.page.is_some() => json(r.and_then(|v| v.paged(p.page.as_deref()))),
        (r, _) => json(r),
    }
}

async fn audit_of(st: &AppState) -> Result<AuditView, Failure> {
    Ok(AuditView {
        entries: st.store().audit_log(500).await?,
    })
}

pub async fn audit(State(st): State<AppState>, viewer: Viewer) -> Response {
    if viewer.0.is_none() {
        return signin_redirect("/audit");
    }
    let r = audit_of(&st).await;
    page(&viewer, r.map(|v| pages::audit(&v, &viewer)))
}

pub async fn api_audit(State(st): State<AppState>, viewer: Viewer, headers: HeaderMap) -> Response {
    if viewer.0.is_none() {
        if let Err(f) = auth::bearer_user(&st, &headers).await {
            return json_failure(f);
        }
    }
    json(audit_of(&st).await)
}

pub async fn api_openapi() -> Response {
    Json(crate::openapi::openapi_document()).into_response()
}

pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        pages::STYLE,
    )
        .into_response()
}

pub async fn not_found(viewer: Viewer, uri: Uri) -> Response {
    let f = Failure::not_found("该页面");
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        json_failure(f)
    } else {
        failure_page(&viewer, f)
    }
}

pub async fn method_not_allowed(viewer: Viewer, uri: Uri) -> Response {
    let f = Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "此地址不支持该请求方法 / method not allowed",
    );
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        json_failure(f)
    } else {
        failure_page(&viewer, f)
    }
}

// ----- sign-in -----

#[derive(Debug, Default, Deserialize)]
pub struct SigninParams {
    pub next: Option<String>,
}

fn signin_page(
    st: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    csrf: Option<&str>,
    next: &str,
    error: Option<&str>,
) -> Response {
    let token = csrf.map(str::to_string).unwrap_or_else(auth::new_token);
    let cookie = auth::set_cookie(auth::SIGNIN_CSRF_COOKIE, &token, 3600, st.secure_cookies());
    let html = pages::signin(viewer, &token, next, error).into_string();
    let mut r = (status, Html(html)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

pub async fn signin_form(
    State(st): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SigninParams>,
) -> Response {
    let next = safe_next(p.next.as_deref());
    signin_page(&st, &viewer, StatusCode::OK, None, &next, None)
}

#[derive(Debug, Default, Deserialize)]
pub struct SigninForm {
    pub name: Option<String>,
    pub password: Option<String>,
    pub csrf: Option<String>,
    pub next: Option<String>,
}

pub async fn signin(
    State(st): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    form: Result<Form<SigninForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return failure_page(&viewer, Failure::bad_request("登录表单不完整"));
    };
    let cookie_token = auth::cookie(&headers, auth::SIGNIN_CSRF_COOKIE).unwrap_or("");
    let given = form.csrf.as_deref().unwrap_or("");
    if cookie_token.is_empty() || !auth::same_secret(cookie_token, given) {
        return failure_page(&viewer, auth::csrf_refused());
    }
    let next = safe_next(form.next.as_deref());
    let name: String = form
        .name
        .unwrap_or_default()
        .trim()
        .chars()
        .take(64)
        .collect();
    let password = form.password.unwrap_or_default();
    let keys = auth::limit_keys(&ip, &name);
    if st.limiter().blocked(&keys) {
        return failure_page(
            &viewer,
            Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                "登录失败次数过多：15 分钟内最多可尝试 5 次，请稍后再试。",
            ),
        );
    }
    let found = match st.store().user_by_name(&name).await {
        Ok(u) => u,
        Err(e) => return failure_page(&viewer, e.into()),
    };
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    let ok = auth::check_password(password, hash).await;
    let user = match (ok, user) {
        (true, Some(u)) => u,
        _ => {
            st.limiter().fail(&keys);
            let _ = st
                .store()
                .audit(
                    &name,
                    "signin-failed",
                    &format!("user/{name}"),
                    &format!("from {ip}"),
                )
                .await;
            return signin_page(
                &st,
                &viewer,
                StatusCode::UNAUTHORIZED,
                Some(cookie_token),
                &next,
                Some("用户名或密码不正确。"),
            );
        }
    };
    let token = auth::new_token();
    let csrf = auth::new_token();
    if let Err(e) = st
        .store()
        .create_session(
            &user,
            &source_hash(token.as_bytes()),
            &csrf,
            auth::SESSION_SECS,
        )
        .await
    {
        return failure_page(&viewer, e.into());
    }
    let _ = st
        .store()
        .audit(
            &user.name,
            "signin",
            &format!("user/{}", user.name),
            &format!("from {ip}"),
        )
        .await;
    let mut r = see_other(&next);
    let secure = st.secure_cookies();
    for c in [
        auth::set_cookie(auth::SESSION_COOKIE, &token, auth::SESSION_SECS, secure),
        auth::set_cookie(auth::SIGNIN_CSRF_COOKIE, "", 0, secure),
    ] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    r
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    pub csrf: Option<String>,
}

fn csrf_of(form: &Result<Form<CsrfForm>, FormRejection>) -> Option<&str> {
    form.as_ref().ok().and_then(|f| f.0.csrf.as_deref())
}

pub async fn signout(
    State(st): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let Some(session) = &viewer.0 else {
        return see_other("/");
    };
    if let Err(f) = auth::check_csrf(session, csrf_of(&form)) {
        return failure_page(&viewer, f);
    }
    if let Some(token) = auth::cookie(&headers, auth::SESSION_COOKIE) {
        let _ = st.store().end_session(&source_hash(token.as_bytes())).await;
    }
    let _ = st
        .store()
        .audit(
            &session.user.name,
            "signout",
            &format!("user/{}", session.user.name),
            "",
        )
        .await;
    let mut r = see_other("/");
    let c = auth::set_cookie(auth::SESSION_COOKIE, "", 0, st.secure_cookies());
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

// ----- changes -----

/// The signed-in session a form change needs, and its CSRF token checked;
/// otherwise the answer to give.
fn form_session<'a>(
    viewer: &'a Viewer,
    next: &str,
    csrf: Option<&str>,
) -> Result<&'a Session, Box<Response>> {
    let Some(session) = &viewer.0 else {
        return Err(Box::new(signin_redirect(next)));
    };
    auth::check_csrf(session, csrf).map_err(|f| Box::new(failure_page(viewer, f)))?;
    Ok(session)
}

fn limit_text(max: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if max >= MB && max.is_multiple_of(MB) {
        format!("{} MB", max / MB)
    } else if max >= MB {
        format!("{:.1} MB", max as f64 / MB as f64)
    } else {
        format!("{max} 字节")
    }
}

fn too_large(st: &AppState) -> Failure {
    Failure::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("文件过大：上传上限为 {}", limit_text(st.limits().max_bytes)),
    )
}

/// Refuse a body announced larger than an upload may be, before reading it.
fn check_length(st: &AppState, headers: &HeaderMap) -> Result<(), Failure> {
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match length {
        Some(n) if n > st.limits().max_bytes.saturating_add(64 * 1024) => Err(too_large(st)),
        _ => Ok(()),
    }
}

/// The fields of an upload: its CSRF token and its file.
struct Upload {
    csrf: Option<String>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_upload(st: &AppState, mut multipart: Multipart) -> Result<Upload, Failure> {
    let mut up = Upload {
        csrf: None,
        file: None,
    };
    let fail = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(st)
        } else {
            Failure::bad_request(format!("上传的表单无法读取：{}", e.body_text()))
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(fail)? {
        match field.name() {
            Some("csrf") => up.csrf = Some(field.text().await.map_err(fail)?),
            Some("file") => {
                let name = field
                    .file_name()
                    .map(str::to_string)
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| "upload".into());
                let bytes = field.bytes().await.map_err(fail)?;
                if bytes.len() as u64 > st.limits().max_bytes {
                    return Err(too_large(st));
                }
                up.file = Some((name, bytes.to_vec()));
            }
            _ => {
                // Unknown fields are read and dropped.
                let _ = field.bytes().await.map_err(fail)?;
            }
        }
    }
    Ok(up)
}

/// Read, check and store an uploaded file.
async fn store_upload(
    st: &AppState,
    actor: &str,
    name: String,
    bytes: Vec<u8>,
) -> Result<(UploadView, bool), Failure> {
    let limits = *st.limits();
    let doc = tokio::task::spawn_blocking(move || {
        yusuan_import::check_limits(&name, &bytes, &limits)?;
        yusuan_import::prepare(&name, &bytes)
    })
    .await
    .map_err(|_| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "读取文件时出错"))?;
    let doc = match doc {
        Ok(d) => d,
        Err(e @ yusuan_import::PrepareError::TooLarge { .. }) => {
            return Err(Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("{}（{e}）", too_large(st).message),
            ))
        }
        Err(e) => {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("文件无法导入：{e}"),
            ))
        }
    };
    let imported = st.store().import(&doc, actor).await?;
    let id = imported.id();
    let summary = st
        .store()
        .disclosure_summary(id)
        .await?
        .ok_or_else(|| Failure::not_found("刚存入的公开文件"))?;
    let (outcome, findings, new) = match imported {
        Imported::New(_) => ("new", doc.findings, true),
        Imported::Unchanged(_) => ("unchanged", st.store().findings(id).await?, false),
    };
    Ok((
        UploadView {
            outcome: outcome.into(),
            summary,
            findings,
        },
        new,
    ))
}

pub async fn upload_form(State(st): State<AppState>, viewer: Viewer) -> Response {
    if viewer.0.is_none() {
        return signin_redirect("/upload");
    }
    let mb = st.limits().max_bytes.div_ceil(1024 * 1024);
    Html(pages::upload_form(&viewer, mb).into_string()).into_response()
}

pub async fn upload(
    State(st): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Some(session) = &viewer.0 else {
        return signin_redirect("/upload");
    };
    let r = async {
        check_length(&st, &headers)?;
        let multipart = multipart.map_err(|_| Failure::bad_request("请通过上传表单提交文件"))?;
        let up = read_upload(&st, multipart).await?;
        auth::check_csrf(session, up.csrf.as_deref())?;
        let (name, bytes) = up
            .file
            .ok_or_else(|| Failure::bad_request("请选择要上传的文件"))?;
        let (v, _) = store_upload(&st, &session.user.name, name, bytes).await?;
        Ok::<_, Failure>(pages::upload_result(&v, &viewer))
    }
    .await;
    page(&viewer, r)
}

pub async fn api_upload(
    State(st): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let r = async {
        let user: User = auth::bearer_user(&st, &headers).await?;
        check_length(&st, &headers)?;
        let multipart = multipart
            .map_err(|_| Failure::bad_request("请以 multipart/form-data 上传，字段名 file"))?;
        let up = read_upload(&st, multipart).await?;
        let (name, bytes) = up
            .file
            .ok_or_else(|| Failure::bad_request("缺少文件字段 file"))?;
        store_upload(&st, &user.name, name, bytes).await
    }
    .await;
    match r {
        Ok((v, true)) => (StatusCode::CREATED, Json(v)).into_response(),
        Ok((v, false)) => Json(v).into_response(),
        Err(f) => json_failure(f),
    }
}

async fn delete_of(st: &AppState, id: i64, actor: &str) -> Result<ChangeView, Failure> {
    if st.store().delete(id, actor).await? {
        Ok(ChangeView {
            action: "deleted".into(),
            id,
            new_id: None,
        })
    } else {
        Err(Failure::not_found("该公开文件"))
    }
}

async fn reimport_of(st: &AppState, id: i64, actor: &str) -> Result<ChangeView, Failure> {
    let (name, bytes) = st
        .store()
        .source_of(id)
        .await?
        .ok_or_else(|| Failure::not_found("该公开文件"))?;
    let doc = tokio::task::spawn_blocking(move || yusuan_import::prepare(&name, &bytes))
        .await
        .map_err(|_| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "读取文件时出错"))?
        .map_err(|e| {
            Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("重新读取失败：{e}"),
            )
        })?;
    let new_id = st.store().replace(id, &doc, actor).await?;
    Ok(ChangeView {
        action: "reimported".into(),
        id,
        new_id: Some(new_id),
    })
}

pub async fn delete_form(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let session = match form_session(
        &viewer,
        &format!("/disclosures/{}", enc(&id)),
        csrf_of(&form),
    ) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let r = async {
        let id = id_of(&id)?;
        let summary = st
            .store()
            .disclosure_summary(id)
            .await?
            .ok_or_else(|| Failure::not_found("该公开文件"))?;
        delete_of(&st, id, &session.user.name).await?;
        Ok::<_, Failure>(format!("/departments/{}", summary.department_id))
    }
    .await;
    match r {
        Ok(location) => see_other(&location),
        Err(f) => failure_page(&viewer, f),
    }
}

pub async fn reimport_form(
    State(st): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let session = match form_session(
        &viewer,
        &format!("/disclosures/{}", enc(&id)),
        csrf_of(&form),
    ) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let r = async {
        let id = id_of(&id)?;
        reimport_of(&st, id, &session.user.name).await
    }
    .await;
    match r {
        Ok(v) => see_other(&format!("/disclosures/{}", v.new_id.unwrap_or(v.id))),
        Err(f) => failure_page(&viewer, f),
    }
}

pub async fn api_delete(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    json(
        async {
            let user = auth::bearer_user(&st, &headers).await?;
            delete_of(&st, id_of(&id)?, &user.name).await
        }
        .await,
    )
}

pub async fn api_reimport(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    json(
        async {
            let user = auth::bearer_user(&st, &headers).await?;
            reimport_of(&st, id_of(&id)?, &user.name).await
        }
        .await,
    )
}
