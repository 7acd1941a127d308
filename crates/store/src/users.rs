//! 用户 users who may change the repository, their sign-in sessions and API
//! tokens, and the audit log. Secrets are never stored: passwords as argon2
//! hashes (made by the caller), session and API tokens as SHA-256.

use crate::{epoch, now, Result, Store};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct User {
    pub id: i64,
    pub name: String,
}

/// A signed-in session: who, and the CSRF token its forms must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

/// One change, as the audit log records it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

impl Store {
    /// Add a user, or set the password of an existing one.
    pub async fn set_user(&self, name: &str, password_hash: &str) -> Result<User> {
        sqlx::query(
            "INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
        )
        .bind(name.to_string())
        .bind(password_hash.to_string())
        .bind(now())
        .execute(&self.pool)
        .await?;
        self.audit("cli", "user", &format!("user/{name}"), "password set")
            .await?;
        let (user, _) = self
            .user_by_name(name)
            .await?
            .ok_or_else(|| crate::StoreError::Invalid(format!("user {name} vanished")))?;
        Ok(user)
    }

    /// A user and their password hash.
    pub async fn user_by_name(&self, name: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query("SELECT id, name, password_hash FROM users WHERE name = $1")
            .bind(name.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| {
            (
                User {
                    id: r.get(0),
                    name: r.get(1),
                },
                r.get(2),
            )
        }))
    }

    pub async fn create_session(
        &self,
        user: &User,
        token_hash: &str,
        csrf: &str,
        lifetime_secs: i64,
    ) -> Result<()> {
        // Expired sessions go as new ones come.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(epoch())
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash.to_string())
        .bind(user.id)
        .bind(csrf.to_string())
        .bind(epoch() + lifetime_secs)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this token hash.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.id, u.name, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at >= $2",
        )
        .bind(token_hash.to_string())
        .bind(epoch())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| Session {
            user: User {
                id: r.get(0),
                name: r.get(1),
            },
            csrf: r.get(2),
        }))
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Record an API token (its SHA-256) for a user.
    pub async fn add_token(&self, user: &User, token_hash: &str, label: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user.id)
        .bind(token_hash.to_string())
        .bind(label.to_string())
        .bind(now())
        .execute(&self.pool)
        .await?;
        self.audit(&user.name, "token", &format!("user/{}", user.name), label)
            .await?;
        Ok(())
    }

    /// The user an API token (by its SHA-256) belongs to.
    pub async fn user_by_token(&self, token_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT u.id, u.name FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1",
        )
        .bind(token_hash.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| User {
            id: r.get(0),
            name: r.get(1),
        }))
    }

    /// Record an event that is not itself a stored change (sign-in, refusals).
    pub async fn audit(&self, actor: &str, action: &str, target: &str, detail: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(now())
        .bind(actor.to_string())
        .bind(action.to_string())
        .bind(target.to_string())
        .bind(detail.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The latest entries of the audit log, newest first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                id: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                action: r.get(3),
                target: r.get(4),
                detail: r.get(5),
            })
            .collect())
    }
}
