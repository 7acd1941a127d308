//! The site against every back end the environment offers (SQLite always,
//! PostgreSQL when YUSUAN_TEST_POSTGRES names a server), with the two real
//! seeds imported: pages and their JSON twins, search, compare, views and
//! downloads, OpenAPI, and the security of every change.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;
use yusuan_import::Limits;
use yusuan_store::testing::databases;
use yusuan_store::{source_hash, Document, Store};
use yusuan_web::{api_routes, app, hash_password, new_token, openapi_document, AppState};

const JINCHENG: &str = "jincheng-xinfang-2023-budget.txt";
const FENYANG: &str = "fenyang-xinfang-2024-budget.txt";

fn seed(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn prepared(name: &str) -> Document {
    yusuan_import::prepare(name, &seed(name)).expect("seed reads")
}

struct Site {
    store: Store,
    app: Router,
    jincheng: i64,
    fenyang: i64,
}

async fn site(store: Store, limits: Limits) -> Site {
    let jincheng = store
        .import(&prepared(JINCHENG), "test")
        .await
        .unwrap()
        .id();
    let fenyang = store.import(&prepared(FENYANG), "test").await.unwrap().id();
    let app = app(AppState::new(store.clone(), limits));
    Site {
        store,
        app,
        jincheng,
        fenyang,
    }
}

async fn send(app: &Router, req: Request<Body>) -> Response {
    app.clone().oneshot(req).await.expect("the router answers")
}

async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> Response {
    let mut b = Request::builder().uri(uri);
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    send(app, b.body(Body::empty()).unwrap()).await
}

async fn body(r: Response) -> Vec<u8> {
    axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec()
}

async fn text(r: Response) -> String {
    String::from_utf8(body(r).await).expect("UTF-8")
}

/// GET a page: 200 and its text.
async fn page(app: &Router, uri: &str) -> String {
    let r = get(app, uri, None).await;
    assert_eq!(r.status(), StatusCode::OK, "{uri}");
    text(r).await
}

/// GET a JSON twin: 200 and its value.
async fn api(app: &Router, uri: &str) -> Value {
    let r = get(app, uri, None).await;
    assert_eq!(r.status(), StatusCode::OK, "{uri}");
    assert!(r.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    serde_json::from_slice(&body(r).await).expect("JSON")
}

fn form_post(uri: &str, cookie: Option<&str>, form: &str) -> Request<Body> {
    let mut b = Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(form.to_string())).unwrap()
}

const BOUNDARY: &str = "yusuan-test-boundary";

fn multipart(csrf: Option<&str>, name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    if let Some(c) = csrf {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{c}\r\n")
                .as_bytes(),
        );
    }
    b.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    b.extend_from_slice(bytes);
    b.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    b
}

fn upload_request(
    uri: &str,
    cookie: Option<&str>,
    bearer: Option<&str>,
    body: Vec<u8>,
) -> Request<Body> {
    let mut b = Request::builder()
        .method("POST")
        .uri(uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, body.len());
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    if let Some(t) = bearer {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(Body::from(body)).unwrap()
}

/// The value of a cookie a response sets.
fn set_cookie(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split(';')
                .next()
                .and_then(|p| p.split_once('='))
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
}

/// The first hidden `csrf` value of a page.
fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field");
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

const USER: &str = "editor";
const PASSWORD: &str = "correct horse 电池";

async fn add_user(store: &Store) -> String {
    let user = store
        .set_user(USER, &hash_password(PASSWORD))
        .await
        .unwrap();
    let token = new_token();
    store
        .add_token(&user, &source_hash(token.as_bytes()), "test")
        .await
        .unwrap();
    token
}

/// Sign in through the form: the session cookie and the session's CSRF token.
async fn sign_in(app: &Router) -> (String, String) {
    let r = get(app, "/signin", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let pre = set_cookie(&r, "yusuan_signin_csrf").expect("sign-in csrf cookie");
    let html = text(r).await;
    assert_eq!(csrf_in(&html), pre);
    let r = send(
        app,
        form_post(
            "/signin",
            Some(&format!("yusuan_signin_csrf={pre}")),
            &format!(
                "name={USER}&password={}&csrf={pre}&next=%2Fupload",
                enc(PASSWORD)
            ),
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[header::LOCATION], "/upload");
    let set = r
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("yusuan_session="))
        .expect("session cookie");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"));
    let session = set_cookie(&r, "yusuan_session").unwrap();
    let cookie = format!("yusuan_session={session}");
    let r = get(app, "/upload", Some(&cookie)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let csrf = csrf_in(&text(r).await);
    (cookie, csrf)
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn pages_and_their_json_twins() {
    for db in databases().await {
        let s = site(db.open().await, Limits::default()).await;
        let app = &s.app;

        let home = page(app, "/").await;
        assert!(home.contains("晋城市信访局") && home.contains("汾阳市信访局"));
        let h = api(app, "/api").await;
        assert_eq!(h["disclosures"], 2);

        // The disclosure: table figures, findings, prose, downloads.
        let d = page(app, &format!("/disclosures/{}", s.jincheng)).await;
        assert!(d.contains("晋城市信访局"));
        assert!(d.contains("730.03"));
        assert!(d.contains("预算公开表3"));
        assert!(d.contains("第三部分 情况说明"));
        assert!(d.contains("id=\"section-1\""));
        assert!(d.contains("项目支出绩效目标申报表"));
        assert!(d.contains("第四部分 名词解释"));
        assert!(
            !d.contains("style="),
            "no inline style: the CSP refuses them"
        );
        let findings = s.store.findings(s.jincheng).await.unwrap();
        let fenyang_findings = s.store.findings(s.fenyang).await.unwrap();
        for (id, fs) in [(s.jincheng, &findings), (s.fenyang, &fenyang_findings)] {
            let html = page(app, &format!("/disclosures/{id}")).await;
            for f in fs {
                assert!(html.contains(&f.rule), "rule {} on the page", f.rule);
            }
            // A finding that names a table row is marked on the printed table.
            if fs
                .iter()
                .any(|f| f.location.table.is_some() && f.location.row.is_some())
            {
                assert!(html.contains("flag"), "a marked cell on /disclosures/{id}");
                assert!(html.contains("href=\"#cell-"));
            }
        }
        let j = api(app, &format!("/api/disclosures/{}", s.jincheng)).await;
        assert_eq!(j["summary"]["department"], "晋城市信访局");
        assert_eq!(j["findings"].as_array().unwrap().len(), findings.len());
        assert!(j["disclosure"]["tables"].as_array().unwrap().len() >= 10);
        assert_eq!(j["next"]["id"], Value::Null);

        // Department and region.
        let summary = s
            .store
            .disclosure_summary(s.jincheng)
            .await
            .unwrap()
            .unwrap();
        let dep = page(app, &format!("/departments/{}", summary.department_id)).await;
        assert!(dep.contains("<svg") && dep.contains("730.03") && dep.contains("三公经费"));
        let dj = api(app, &format!("/api/departments/{}", summary.department_id)).await;
        assert_eq!(dj["department"]["name"], "晋城市信访局");
        assert_eq!(dj["series"][0]["headline"]["total"], 730_030_000i64);
        let reg = page(app, &format!("/regions/{}", summary.region_id)).await;
        assert!(reg.contains("晋城市信访局") && reg.contains("730.03"));
        let rj = api(app, &format!("/api/regions/{}", summary.region_id)).await;
        assert_eq!(rj["departments"][0]["department"]["name"], "晋城市信访局");

        // Search: one and two characters.
        for q in ["局", "信访"] {
            let html = page(app, &format!("/search?q={}", enc(q))).await;
            assert!(
                html.contains("晋城市信访局") && html.contains("汾阳市信访局"),
                "{q}"
            );
            let j = api(app, &format!("/api/search?q={}", enc(q))).await;
            assert_eq!(j["hits"].as_array().unwrap().len(), 2, "{q}");
        }
        let none = api(app, &format!("/api/search?q={}", enc("教育"))).await;
        assert!(none["hits"].as_array().unwrap().is_empty());

        // Compare two departments.
        let uri = format!("/compare?a={}&b={}", s.jincheng, s.fenyang);
        let c = page(app, &uri).await;
        assert!(c.contains("两个部门对比") && c.contains("有变化"));
        assert!(c.contains("730.03") && c.contains("484.55"));
        let cj = api(app, &format!("/api{uri}")).await;
        assert!(cj["changed"].as_u64().unwrap() > 0);
        let row = cj["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["table"] == 1 && r["row_label"] == "一般公共预算" && r["column"] == "金额")
            .expect("table 1 一般公共预算 compared");
        assert_eq!(row["a"], "730.03");
        assert_eq!(row["b"], "484.55");
        assert_eq!(row["difference"], "-245.48");
        assert_eq!(row["status"], "changed");

        // Downloads of a disclosure.
        let r = get(
            app,
            &format!("/disclosures/{}/tables/3.csv", s.jincheng),
            None,
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let csv = text(r).await;
        assert!(csv.contains("730.03") && csv.contains("科目编码"));
        let r = get(
            app,
            &format!("/disclosures/{}/tables/3.xlsx", s.jincheng),
            None,
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(body(r).await.starts_with(b"PK"));
        let t = api(app, &format!("/api/disclosures/{}/tables/3", s.jincheng)).await;
        assert_eq!(t["number"], 3);
        let facts =
            text(get(app, &format!("/disclosures/{}/facts.csv", s.jincheng), None).await).await;
        assert!(facts.contains("1,,一般公共预算,金额,730.03"));
        let r = get(
            app,
            &format!("/disclosures/{}/facts.xlsx", s.jincheng),
            None,
        )
        .await;
        assert!(body(r).await.starts_with(b"PK"));
        let fj = api(app, &format!("/api/disclosures/{}/facts", s.jincheng)).await;
        assert!(fj["facts"].as_array().unwrap().len() > 100);
        let r = get(app, &format!("/disclosures/{}/source", s.jincheng), None).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(body(r).await, seed(JINCHENG));
        let r = get(
            app,
            &format!("/disclosures/{}/tables/99.csv", s.jincheng),
            None,
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);

        // The stylesheet is cacheable; every answer has the security headers.
        let r = get(app, "/static/style.css", None).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("max-age"));
        for uri in ["/", "/static/style.css", "/api", "/nowhere"] {
            let r = get(app, uri, None).await;
            let csp = r.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap();
            assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
            assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(r.headers()[header::REFERRER_POLICY], "same-origin");
        }

        // Not found, in Chinese, as a page and as JSON.
        let r = get(app, "/nowhere", None).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(text(r).await.contains("页面不存在"));
        for uri in [
            "/disclosures/999999",
            "/disclosures/abc",
            "/departments/0",
            "/regions/77777",
        ] {
            let r = get(app, uri, None).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{uri}");
            assert!(text(r).await.contains("未找到"));
        }
        let r = get(app, "/signout", None).await;
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert!(text(r).await.contains("不支持"));
        let list = api(app, "/api/disclosures?year=2024").await;
        assert_eq!(list["disclosures"].as_array().unwrap().len(), 1);
        let r = get(app, "/api/disclosures?year=abc", None).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = get(app, "/api/disclosures/999999", None).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let e: Value = serde_json::from_slice(&body(r).await).unwrap();
        assert!(e["error"].as_str().unwrap().contains("未找到"));
    }
}

#[tokio::test]
async fn views_sort_and_download() {
    for db in databases().await {
        let s = site(db.open().await, Limits::default()).await;
        let app = &s.app;
        // 支出合计 is column 5 of the headline view.
        let asc = api(app, "/api/views/headline?sort=5&dir=asc").await;
        let names: Vec<&str> = asc["result"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[2].as_str().unwrap())
            .collect();
        assert_eq!(names, ["汾阳市信访局", "晋城市信访局"]);
        let desc = api(app, "/api/views/headline?sort=5&dir=desc").await;
        assert_eq!(desc["result"]["rows"][0][2], "晋城市信访局");
        assert_eq!(desc["result"]["rows"][0][5], "730.03");

        let html = page(app, "/views/headline?sort=5&dir=asc").await;
        assert!(
            html.contains("sort=5&amp;dir=desc"),
            "the header links to the other order"
        );
        assert!(html.find("汾阳市信访局").unwrap() < html.find("晋城市信访局").unwrap());
        for view in ["three-public", "findings", "regions"] {
            let html = page(app, &format!("/views/{view}")).await;
            assert!(html.contains("format=csv"));
            let j = api(app, &format!("/api/views/{view}")).await;
            assert_eq!(j["view"], view);
        }
        let regions = api(app, "/api/views/regions").await;
        assert_eq!(regions["result"]["rows"].as_array().unwrap().len(), 2);

        let r = get(app, "/views/headline?sort=5&dir=desc&format=csv", None).await;
        assert_eq!(r.status(), StatusCode::OK);
        let csv = text(r).await;
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().contains("支出合计（万元）"));
        let first = lines.next().unwrap();
        assert!(
            first.contains("晋城市信访局") && first.contains("730.03"),
            "{first}"
        );
        let r = get(app, "/views/three-public?format=xlsx", None).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(body(r).await.starts_with(b"PK"));
        let r = get(app, "/api/views/findings?format=csv", None).await;
        assert!(text(r).await.starts_with("\u{feff}规则,级别,次数,文件数"));
        let year = api(app, "/api/views/headline?year=2024").await;
        assert_eq!(year["result"]["rows"].as_array().unwrap().len(), 1);
        // 合计 of the amount columns over every row; the JSON pages when
        // asked, the page always.
        let three = api(app, "/api/views/three-public").await;
        assert_eq!(three["total_rows"], 2);
        assert!(three["page"].is_null());
        let sum: rust_decimal::Decimal = three["result"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r[5].as_str()
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum();
        assert_eq!(three["totals"][5], sum.to_string());
        let paged = api(app, "/api/views/three-public?page=1").await;
        assert_eq!(
            (paged["page"].clone(), paged["pages"].clone()),
            (1.into(), 1.into())
        );
        let html = page(app, "/views/three-public").await;
        assert!(html.contains("合计（全部 2 行）") && html.contains(&sum.to_string()));
        assert!(html.contains("共 2 行"));
        let r = get(app, "/views/three-public?page=x", None).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = get(app, "/views/nothing", None).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = get(app, "/views/headline?format=pdf", None).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn openapi_lists_every_api_route() {
    let doc = openapi_document();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let routes = api_routes();
    assert!(routes.len() >= 14);
    for (method, path) in &routes {
        let m = method.as_str().to_lowercase();
        assert!(
            paths.get(*path).and_then(|p| p.get(&m)).is_some(),
            "{m} {path} is not in the OpenAPI document"
        );
    }
    for (path, ops) in paths {
        for m in ops.as_object().unwrap().keys() {
            assert!(
                routes
                    .iter()
                    .any(|(rm, rp)| rp == path && rm.as_str().eq_ignore_ascii_case(m)),
                "{m} {path} is documented but not served"
            );
        }
    }
    // Every reference resolves to a component schema.
    let text = doc.to_string();
    assert!(!text.contains("#/definitions/"));
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for part in text.split("\"#/components/schemas/").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(
            schemas.contains_key(name),
            "{name} is referenced but missing"
        );
    }
    // And the router serves it.
    for db in databases().await {
        let app = app(AppState::new(db.open().await, Limits::default()));
        let served = api(&app, "/api/openapi.json").await;
        assert_eq!(served, doc);
    }
}

#[tokio::test]
async fn changes_need_sign_in_or_a_token() {
    for db in databases().await {
        let s = site(db.open().await, Limits::default()).await;
        let app = &s.app;
        let token = add_user(&s.store).await;
        let id = s.jincheng;

        // Forms without a session go to the sign-in page.
        for uri in [
            format!("/disclosures/{id}/delete"),
            format!("/disclosures/{id}/reimport"),
        ] {
            let r = send(app, form_post(&uri, None, "csrf=x")).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{uri}");
            assert!(r.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .starts_with("/signin"));
        }
        let r = send(
            app,
            upload_request(
                "/upload",
                None,
                None,
                multipart(None, JINCHENG, &seed(JINCHENG)),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        for uri in ["/upload", "/audit"] {
            let r = get(app, uri, None).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{uri}");
        }

        // The API without a token, or with a wrong one: 401.
        for bearer in [None, Some("not-a-token")] {
            let r = send(
                app,
                upload_request(
                    "/api/disclosures",
                    None,
                    bearer,
                    multipart(None, JINCHENG, &seed(JINCHENG)),
                ),
            )
            .await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            let mut b = Request::builder()
                .method("DELETE")
                .uri(format!("/api/disclosures/{id}"));
            if let Some(t) = bearer {
                b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            let r = send(app, b.body(Body::empty()).unwrap()).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            let mut b = Request::builder()
                .method("POST")
                .uri(format!("/api/disclosures/{id}/reimport"));
            if let Some(t) = bearer {
                b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            let r = send(app, b.body(Body::empty()).unwrap()).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            let r = get(app, "/api/audit", None).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        // Nothing changed.
        assert_eq!(s.store.count().await.unwrap(), 2);

        // Signed in, but without the CSRF token (or a wrong one): 403.
        let (cookie, csrf) = sign_in(app).await;
        for form in ["", "csrf=", "csrf=0123"] {
            for uri in [
                format!("/disclosures/{id}/delete"),
                format!("/disclosures/{id}/reimport"),
            ] {
                let r = send(app, form_post(&uri, Some(&cookie), form)).await;
                assert_eq!(r.status(), StatusCode::FORBIDDEN, "{uri} {form}");
                assert!(text(r).await.contains("CSRF"));
            }
        }
        let r = send(
            app,
            upload_request(
                "/upload",
                Some(&cookie),
                None,
                multipart(Some("wrong"), JINCHENG, &seed(JINCHENG)),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = send(app, form_post("/signout", Some(&cookie), "")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // The sign-in form without its double-submit cookie: 403.
        let r = send(
            app,
            form_post("/signin", None, &format!("name={USER}&password=x&csrf=abc")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(s.store.count().await.unwrap(), 2);

        // With the token, the change is made.
        let r = send(
            app,
            form_post(
                &format!("/disclosures/{id}/delete"),
                Some(&cookie),
                &format!("csrf={csrf}"),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(s.store.count().await.unwrap(), 1);
        let _ = token;
    }
}

#[tokio::test]
async fn names_are_escaped() {
    for db in databases().await {
        let s = site(db.open().await, Limits::default()).await;
        let mut doc = prepared(JINCHENG);
        doc.disclosure.meta.department = "<script>alert(1)</script>局".into();
        let evil = Document::new(
            "evil.txt",
            b"another file",
            doc.disclosure.clone(),
            doc.findings.clone(),
        );
        let id = s.store.import(&evil, "test").await.unwrap().id();
        let summary = s.store.disclosure_summary(id).await.unwrap().unwrap();
        for uri in [
            "/".to_string(),
            format!("/search?q={}", enc("script")),
            format!("/search?q={}", enc("<script>")),
            format!("/disclosures/{id}"),
            format!("/departments/{}", summary.department_id),
            format!("/regions/{}", summary.region_id),
            "/views/headline".to_string(),
            format!("/compare?a={}&b={id}", s.jincheng),
        ] {
            let html = page(&s.app, &uri).await;
            assert!(!html.contains("<script>"), "unescaped on {uri}");
            assert!(html.contains("&lt;script&gt;"), "not shown on {uri}");
        }
        // JSON carries the name as data.
        let j = api(&s.app, &format!("/api/disclosures/{id}")).await;
        assert_eq!(j["summary"]["department"], "<script>alert(1)</script>局");
    }
}

#[tokio::test]
async fn oversized_uploads_are_refused() {
    for db in databases().await {
        let limits = Limits {
            max_bytes: 1000,
            ..Limits::default()
        };
        let s = site(db.open().await, limits).await;
        let token = add_user(&s.store).await;
        let (cookie, csrf) = sign_in(&s.app).await;
        let big = seed(JINCHENG);
        assert!(big.len() > 1000);
        let r = send(
            &s.app,
            upload_request(
                "/upload",
                Some(&cookie),
                None,
                multipart(Some(&csrf), JINCHENG, &big),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(text(r).await.contains("文件过大：上传上限为"));
        let r = send(
            &s.app,
            upload_request(
                "/api/disclosures",
                None,
                Some(&token),
                multipart(None, JINCHENG, &big),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let e: Value = serde_json::from_slice(&body(r).await).unwrap();
        assert!(e["error"].as_str().unwrap().contains("文件过大"));
        // Without a Content-Length (as a chunked body comes), the limit
        // holds while the body is read.
        let mut req = upload_request(
            "/upload",
            Some(&cookie),
            None,
            multipart(Some(&csrf), JINCHENG, &big),
        );
        req.headers_mut().remove(header::CONTENT_LENGTH);
        let r = send(&s.app, req).await;
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(text(r).await.contains("文件过大：上传上限为"));
        // Under the byte limit but not a disclosure: 422 with the reader's message.
        let r = send(
            &s.app,
            upload_request(
                "/upload",
                Some(&cookie),
                None,
                multipart(Some(&csrf), "note.txt", "这不是预算公开文件".as_bytes()),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(r).await.contains("note.txt"));
        assert_eq!(s.store.count().await.unwrap(), 2);
    }
}

#[tokio::test]
async fn sign_in_is_rate_limited() {
    for db in databases().await {
        let s = site(db.open().await, Limits::default()).await;
        add_user(&s.store).await;
        let r = get(&s.app, "/signin", None).await;
        let pre = set_cookie(&r, "yusuan_signin_csrf").unwrap();
        let cookie = format!("yusuan_signin_csrf={pre}");
        let attempt = |password: &str| {
            form_post(
                "/signin",
                Some(&cookie),
                &format!("name={USER}&password={}&csrf={pre}", enc(password)),
            )
        };
        for _ in 0..5 {
            let r = send(&s.app, attempt("wrong")).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            assert!(text(r).await.contains("用户名或密码不正确"));
        }
        let r = send(&s.app, attempt("wrong")).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(text(r).await.contains("次数过多"));
        // Even the right password waits now.
        let r = send(&s.app, attempt(PASSWORD)).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let log = s.store.audit_log(50).await.unwrap();
        assert_eq!(
            log.iter().filter(|e| e.action == "signin-failed").count(),
            5
        );
    }
}

/// Behind a trusted reverse proxy the per-address limit counts each client
/// by the address the proxy forwarded for, not the proxy's own.
#[tokio::test]
async fn sign_in_limits_count_clients_behind_a_trusted_proxy() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    // The limiter is the site's, whatever the back end: SQLite suffices.
    let dbs = databases().await;
    let store = dbs[0].open().await;
    add_user(&store).await;
    let proxy: SocketAddr = "10.0.0.2:40000".parse().unwrap();
    let app =
        app(AppState::new(store.clone(), Limits::default()).with_trusted_proxies(vec![proxy.ip()]));
    let r = get(&app, "/signin", None).await;
    let pre = set_cookie(&r, "yusuan_signin_csrf").unwrap();
    let cookie = format!("yusuan_signin_csrf={pre}");
    // Each attempt under another name, so only the per-address limit counts.
    let attempt = |name: String, client: &str| {
        let mut req = form_post(
            "/signin",
            Some(&cookie),
            &format!("name={name}&password=wrong&csrf={pre}"),
        );
        req.extensions_mut().insert(ConnectInfo(proxy));
        // What the client sent, then what the proxy appended.
        req.headers_mut().insert(
            "x-forwarded-for",
            format!("192.0.2.1, {client}").parse().unwrap(),
        );
        req
    };
    for i in 0..5 {
        let r = send(&app, attempt(format!("a{i}"), "198.51.100.7")).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = send(&app, attempt("a5".into(), "198.51.100.7")).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another client through the same proxy, with the same forged first
    // entry, is not held back.
    let r = send(&app, attempt("b0".into(), "198.51.100.8")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn upload_delete_reimport_are_audited() {
    for db in databases().await {
        let store = db.open().await;
        let token = add_user(&store).await;
        let app = app(AppState::new(store.clone(), Limits::default()));
        let (cookie, csrf) = sign_in(&app).await;

        // Upload through the form: the report.
        let r = send(
            &app,
            upload_request(
                "/upload",
                Some(&cookie),
                None,
                multipart(Some(&csrf), JINCHENG, &seed(JINCHENG)),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = text(r).await;
        assert!(
            html.contains("已存入") && html.contains("检查报告") && html.contains("晋城市信访局")
        );
        let id = store
            .find_source(&source_hash(&seed(JINCHENG)))
            .await
            .unwrap()
            .unwrap();
        assert!(html.contains(&format!("/disclosures/{id}")));
        for f in store.findings(id).await.unwrap() {
            assert!(html.contains(&f.rule));
        }
        // The same file again: already stored.
        let r = send(
            &app,
            upload_request(
                "/upload",
                Some(&cookie),
                None,
                multipart(Some(&csrf), JINCHENG, &seed(JINCHENG)),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(text(r).await.contains("已在库中"));

        // Re-import through the form.
        let r = send(
            &app,
            form_post(
                &format!("/disclosures/{id}/reimport"),
                Some(&cookie),
                &format!("csrf={csrf}"),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let location = r.headers()[header::LOCATION].to_str().unwrap().to_string();
        let new_id: i64 = location
            .trim_start_matches("/disclosures/")
            .parse()
            .unwrap();
        let d = page(&app, &location).await;
        assert!(d.contains("730.03"));

        // Through the API with the token: upload, re-import, delete.
        let r = send(
            &app,
            upload_request(
                "/api/disclosures",
                None,
                Some(&token),
                multipart(None, FENYANG, &seed(FENYANG)),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let up: Value = serde_json::from_slice(&body(r).await).unwrap();
        assert_eq!(up["outcome"], "new");
        assert_eq!(up["summary"]["department"], "汾阳市信访局");
        let fid = up["summary"]["id"].as_i64().unwrap();
        let r = send(
            &app,
            Request::builder()
                .method("POST")
                .uri(format!("/api/disclosures/{fid}/reimport"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let re: Value = serde_json::from_slice(&body(r).await).unwrap();
        let fid2 = re["new_id"].as_i64().unwrap();
        let r = send(
            &app,
            Request::builder()
                .method("DELETE")
                .uri(format!("/api/disclosures/{fid2}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = send(
            &app,
            Request::builder()
                .method("DELETE")
                .uri(format!("/api/disclosures/{fid2}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);

        // Delete through the form.
        let r = send(
            &app,
            form_post(
                &format!("/disclosures/{new_id}/delete"),
                Some(&cookie),
                &format!("csrf={csrf}"),
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            get(&app, &format!("/disclosures/{new_id}"), None)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(store.count().await.unwrap(), 0);

        // All of it is in the audit log, which only the signed-in may read.
        let audit = text(get(&app, "/audit", Some(&cookie)).await).await;
        for action in ["signin", "import", "reimport", "delete"] {
            assert!(
                audit.contains(&format!("<td>{action}</td>")),
                "{action} in /audit"
            );
        }
        assert!(audit.contains(USER));
        let log = store.audit_log(100).await.unwrap();
        assert_eq!(log.iter().filter(|e| e.action == "delete").count(), 2);
        assert_eq!(log.iter().filter(|e| e.action == "reimport").count(), 2);
        assert!(log
            .iter()
            .filter(|e| e.action != "user" && e.action != "token" && e.action != "signin")
            .all(|e| e.actor == USER));
        let r = get(&app, "/api/audit", Some(&cookie)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = send(
            &app,
            Request::builder()
                .uri("/api/audit")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);

        // Sign out ends the session.
        let r = send(
            &app,
            form_post("/signout", Some(&cookie), &format!("csrf={csrf}")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            get(&app, "/audit", Some(&cookie)).await.status(),
            StatusCode::SEE_OTHER
        );
    }
}

#[tokio::test]
async fn a_department_across_years() {
    for db in databases().await {
        let s = site(db.open().await, Limits::default()).await;
        let mut doc = prepared(JINCHENG);
        doc.disclosure.meta.year = 2024;
        let next = Document::new(
            "jincheng-2024.txt",
            b"the next year",
            doc.disclosure.clone(),
            doc.findings.clone(),
        );
        let id = s.store.import(&next, "test").await.unwrap().id();
        let summary = s.store.disclosure_summary(id).await.unwrap().unwrap();
        let dep = page(&s.app, &format!("/departments/{}", summary.department_id)).await;
        assert!(dep.contains(&format!("/compare?a={}&amp;b={id}", s.jincheng)));
        assert!(dep.contains("2023年预算 → 2024年预算"));
        let dj = api(
            &s.app,
            &format!("/api/departments/{}", summary.department_id),
        )
        .await;
        assert_eq!(dj["series"].as_array().unwrap().len(), 2);
        let d = api(&s.app, &format!("/api/disclosures/{}", s.jincheng)).await;
        assert_eq!(d["next"]["id"], id);
        let d = api(&s.app, &format!("/api/disclosures/{id}")).await;
        assert_eq!(d["previous"]["id"], s.jincheng);
        let html = page(&s.app, &format!("/disclosures/{id}")).await;
        assert!(html.contains("与2023年对比"));
        // Without b, the next year of the same department.
        let c = page(&s.app, &format!("/compare?a={}", s.jincheng)).await;
        assert!(c.contains("同一部门逐年对比") && c.contains("两份文件的数据完全相同"));
        let cj = api(&s.app, &format!("/api/compare?a={}", s.jincheng)).await;
        assert_eq!(cj["b"]["id"], id);
        assert_eq!(cj["changed"], 0);
        assert_eq!(cj["only_a"], 0);
        let r = get(&s.app, "/compare", None).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
}
