//! Sign-in, sessions, CSRF tokens, API tokens and the sign-in rate limit.
//!
//! A session is a random token in the `yusuan_session` cookie (HttpOnly,
//! SameSite=Lax, Secure when configured); the repository keeps only its
//! SHA-256 and the session's CSRF token, which every POST form carries in
//! a hidden `csrf` field. The sign-in form, which has no session yet, uses a
//! double-submit cookie instead. API calls carry `Authorization: Bearer …`
//! and need no CSRF token: a browser never sends that header by itself.

use crate::{AppState, Failure};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use rand::RngCore;
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use yusuan_store::{source_hash, Session, User};

pub const SESSION_COOKIE: &str = "yusuan_session";
pub const SIGNIN_CSRF_COOKIE: &str = "yusuan_signin_csrf";
/// How long a session lives: 12 hours.
pub const SESSION_SECS: i64 = 12 * 3600;
/// Failed sign-ins allowed per window, per client address and per name.
pub const MAX_FAILURES: usize = 5;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Most keys the limiter keeps.
const MAX_KEYS: usize = 100_000;

/// 32 random bytes from the operating system, as 64 hex digits: session
/// tokens, CSRF tokens and API tokens.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An argon2id hash of a password in PHC string form, with a random salt.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

/// Whether a password matches a hash made by [`hash_password`]; a damaged
/// hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the name is unknown, so that an unknown
/// name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("yusuan-no-such-user"))
}

/// Verify off the async threads: argon2 is deliberately slow.
pub async fn check_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify_password(&password, &h),
        None => {
            let _ = verify_password(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// The value of a cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value.
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Compare two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who is looking at a page: the signed-in session, if any.
#[derive(Debug, Clone, Default)]
pub struct Viewer(pub Option<Session>);

impl Viewer {
    pub fn name(&self) -> Option<&str> {
        self.0.as_ref().map(|s| s.user.name.as_str())
    }

    pub fn csrf(&self) -> &str {
        self.0.as_ref().map(|s| s.csrf.as_str()).unwrap_or("")
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, Infallible> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Ok(Viewer(None));
        };
        let hash = source_hash(token.as_bytes());
        Ok(Viewer(state.store().session(&hash).await.ok().flatten()))
    }
}

/// The client's address: the connection's peer, or, when the peer is a
/// proxy the site was told to trust (`yusuan serve --trusted-proxy`), the
/// address that proxy says it forwarded for (`unknown` in tests and behind a
/// socket without one). The sign-in rate limit counts failures by it.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientIp, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(
            client_ip(peer, &forwarded.join(","), state.trusted_proxies())
                .map_or_else(|| "unknown".into(), |ip| ip.to_string()),
        ))
    }
}

/// Who sent a request: each trusted proxy appends the address it received
/// from to `X-Forwarded-For`, so the list is read from the right, past the
/// trusted proxies, to the first address none of them is. Entries left of
/// that are the client's own word and never believed; a peer that is not a
/// trusted proxy is the client whatever the header says.
pub(crate) fn client_ip(
    peer: Option<IpAddr>,
    forwarded_for: &str,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let mut client = peer;
    for hop in forwarded_for
        .rsplit(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
    {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => client = ip,
            Ok(ip) => return Some(ip),
            // Garbage from a proxy we trust ends the walk at the last hop
            // it vouched for.
            Err(_) => break,
        }
    }
    Some(client)
}

/// The user an API request's bearer token belongs to.
pub async fn bearer_user(state: &AppState, headers: &HeaderMap) -> Result<User, Failure> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let refused = || {
        Failure::new(
            StatusCode::UNAUTHORIZED,
            "需要 API 令牌：请在请求头中提供 Authorization: Bearer <令牌> / an API token is required",
        )
    };
    let Some(token) = token else {
        return Err(refused());
    };
    state
        .store()
        .user_by_token(&source_hash(token.as_bytes()))
        .await?
        .ok_or_else(refused)
}

/// The refusal of a POST whose CSRF token is missing or wrong.
pub fn csrf_refused() -> Failure {
    Failure::new(
        StatusCode::FORBIDDEN,
        "请求被拒绝：表单校验码（CSRF）缺失或不正确。请返回上一页刷新后重新提交。",
    )
}

/// Whether the form's CSRF token is the session's.
pub fn check_csrf(session: &Session, given: Option<&str>) -> Result<(), Failure> {
    match given {
        Some(g) if !session.csrf.is_empty() && same_secret(g, &session.csrf) => Ok(()),
        _ => Err(csrf_refused()),
    }
}

/// Failed sign-ins per key (`ip:…`, `user:…`) in the last window.
#[derive(Debug, Default)]
pub struct Limiter {
    failures: HashMap<String, VecDeque<Instant>>,
}

impl Limiter {
    fn prune(&mut self, now: Instant) {
        for q in self.failures.values_mut() {
            while q
                .front()
                .is_some_and(|t| now.duration_since(*t) > FAILURE_WINDOW)
            {
                q.pop_front();
            }
        }
        self.failures.retain(|_, q| !q.is_empty());
    }

    /// Whether any of the keys has used up its failures.
    pub fn blocked(&mut self, keys: &[String]) -> bool {
        self.prune(Instant::now());
        keys.iter().any(|k| {
            self.failures
                .get(k)
                .is_some_and(|q| q.len() >= MAX_FAILURES)
        })
    }

    pub fn fail(&mut self, keys: &[String]) {
        let now = Instant::now();
        for k in keys {
            // Bounded memory: past this many keys, only known ones count on.
            if self.failures.len() >= MAX_KEYS && !self.failures.contains_key(k) {
                continue;
            }
            let q = self.failures.entry(k.clone()).or_default();
            q.push_back(now);
            // Never more than the limit is needed to decide.
            while q.len() > MAX_FAILURES {
                q.pop_front();
            }
        }
    }
}

/// The rate-limit keys of a sign-in attempt.
pub fn limit_keys(ip: &str, name: &str) -> Vec<String> {
    vec![format!("ip:{ip}"), format!("user:{}", name.trim())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_found_past_trusted_proxies_only() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxy = ip("10.0.0.2");
        let trusted = [proxy, ip("10.0.0.3")];
        let client =
            |peer: &str, xff: &str| client_ip(Some(ip(peer)), xff, &trusted).map(|i| i.to_string());
        // A direct client: its header is its own word.
        assert_eq!(
            client("203.0.113.9", "1.2.3.4").as_deref(),
            Some("203.0.113.9")
        );
        // Through one trusted proxy.
        assert_eq!(
            client("10.0.0.2", "198.51.100.7").as_deref(),
            Some("198.51.100.7")
        );
        // A forged entry left of what the proxy appended is ignored.
        assert_eq!(
            client("10.0.0.2", "1.2.3.4, 198.51.100.7").as_deref(),
            Some("198.51.100.7")
        );
        // Through two trusted proxies, IPv6 client.
        assert_eq!(
            client("10.0.0.2", "2001:db8::1, 10.0.0.3").as_deref(),
            Some("2001:db8::1")
        );
        // No header, or garbage: the last trusted hop.
        assert_eq!(client("10.0.0.2", "").as_deref(), Some("10.0.0.2"));
        assert_eq!(client("10.0.0.2", "nonsense").as_deref(), Some("10.0.0.2"));
        // No trusted proxies configured: the peer always.
        assert_eq!(
            client_ip(Some(proxy), "198.51.100.7", &[])
                .map(|i| i.to_string())
                .as_deref(),
            Some("10.0.0.2")
        );
        assert_eq!(client_ip(None, "198.51.100.7", &trusted), None);
    }

    #[test]
    fn passwords_verify() {
        let h = hash_password("正确的密码");
        assert!(h.starts_with("$argon2"));
        assert!(verify_password("正确的密码", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_hex() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn cookies_parse() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; yusuan_session=abc".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
    }

    #[test]
    fn limiter_blocks_after_five() {
        let mut l = Limiter::default();
        let keys = limit_keys("1.2.3.4", "a");
        for _ in 0..MAX_FAILURES {
            assert!(!l.blocked(&keys));
            l.fail(&keys);
        }
        assert!(l.blocked(&keys));
        assert!(l.blocked(&limit_keys("5.6.7.8", "a")));
        assert!(!l.blocked(&limit_keys("5.6.7.8", "b")));
    }
}
