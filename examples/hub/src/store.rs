//! The connections, in one SQLite file.
//!
//! In clear: the id, the user, the provider and method, the account's identity, the
//! non-secret values (what a reconnect pre-fills) and the times. Sealed: the secret
//! material ([`SecretMaterial`]), as `nonce ‖ ChaCha20-Poly1305 ciphertext ‖ tag` with the
//! row's id and user as associated data ([`crate::crypto::row_aad`]).
//!
//! Every link session's result is redeemed once: its session id is recorded in the same
//! transaction that stores the connection, and a second redemption is refused.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use crate::crypto::{OpenError, Sealer, random_id, row_aad};
use crate::secret::{SecretMaterial, to_json_zeroizing};

const SCHEMA: &str = "
PRAGMA secure_delete = ON;
CREATE TABLE IF NOT EXISTS connections (
    id            TEXT PRIMARY KEY,
    user          TEXT NOT NULL,
    provider      TEXT NOT NULL,
    method        TEXT NOT NULL,
    identity      TEXT,
    public_values TEXT NOT NULL,
    sealed_secret BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS connections_by_user ON connections (user, created_at);
CREATE TABLE IF NOT EXISTS redeemed_sessions (
    session     TEXT PRIMARY KEY,
    redeemed_at INTEGER NOT NULL
);
";

/// A stored connection, without its secrets.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionInfo {
    pub id: String,
    pub user: String,
    pub provider: String,
    pub method: String,
    pub identity: Option<String>,
    /// The non-secret values (field values and derived ones), by key.
    pub values: Map<String, Value>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a link session's redeemed result stores.
#[derive(Debug)]
pub struct Linked<'a> {
    pub user: &'a str,
    pub provider: &'a str,
    pub method: &'a str,
    pub identity: Option<&'a str>,
    pub values: &'a Map<String, Value>,
    pub secret: &'a SecretMaterial,
    /// The link session the result came from (redeemed once).
    pub session: &'a str,
}

#[derive(Debug)]
pub enum StoreError {
    Db(rusqlite::Error),
    /// No such connection for this user (or for this provider and method).
    NotFound,
    /// The link session's result was already redeemed.
    SessionRedeemed,
    /// The sealed secret did not open.
    Sealed(OpenError),
    /// The decrypted secret is not the JSON this crate writes.
    Corrupt,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Db(e) => write!(f, "database: {e}"),
            StoreError::NotFound => f.write_str("no such connection"),
            StoreError::SessionRedeemed => f.write_str("this link result was already used"),
            StoreError::Sealed(e) => e.fmt(f),
            StoreError::Corrupt => f.write_str("the decrypted secret is not readable"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e)
    }
}

/// The database and the key that seals its secrets. Calls are short and synchronous, one
/// at a time behind a mutex: enough for an example.
pub struct Store {
    db: Mutex<Connection>,
    sealer: Sealer,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store { .. }")
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path, sealer: Sealer) -> Result<Store, StoreError> {
        Store::with_connection(Connection::open(path)?, sealer)
    }

    /// An in-memory database (tests).
    pub fn in_memory(sealer: Sealer) -> Result<Store, StoreError> {
        Store::with_connection(Connection::open_in_memory()?, sealer)
    }

    fn with_connection(db: Connection, sealer: Sealer) -> Result<Store, StoreError> {
        db.execute_batch(SCHEMA)?;
        Ok(Store {
            db: Mutex::new(db),
            sealer,
        })
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-written state behind (every write
        // is one transaction), so a poisoned lock is still usable.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn seal(&self, id: &str, user: &str, secret: &SecretMaterial) -> Vec<u8> {
        let plaintext = to_json_zeroizing(secret);
        self.sealer.seal(&plaintext, &row_aad(id, user))
    }

    /// Stores a new connection; its id.
    pub fn insert(&self, linked: &Linked<'_>, now: i64) -> Result<String, StoreError> {
        let id = random_id();
        let sealed = self.seal(&id, linked.user, linked.secret);
        let values = Value::Object(linked.values.clone()).to_string();
        let mut db = self.db();
        let tx = db.transaction()?;
        redeem(&tx, linked.session, now)?;
        tx.execute(
            "INSERT INTO connections (id, user, provider, method, identity, public_values,
                 sealed_secret, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                linked.user,
                linked.provider,
                linked.method,
                linked.identity,
                values,
                sealed,
                now
            ],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces the secrets, identity and values of connection `id`, which must belong to
    /// the same user, provider and method (a reconnect).
    pub fn update(&self, id: &str, linked: &Linked<'_>, now: i64) -> Result<(), StoreError> {
        let sealed = self.seal(id, linked.user, linked.secret);
        let values = Value::Object(linked.values.clone()).to_string();
        let mut db = self.db();
        let tx = db.transaction()?;
        redeem(&tx, linked.session, now)?;
        let changed = tx.execute(
            "UPDATE connections
             SET identity = coalesce(?5, identity), public_values = ?6, sealed_secret = ?7,
                 updated_at = ?8
             WHERE id = ?1 AND user = ?2 AND provider = ?3 AND method = ?4",
            params![
                id,
                linked.user,
                linked.provider,
                linked.method,
                linked.identity,
                values,
                sealed,
                now
            ],
        )?;
        if changed != 1 {
            return Err(StoreError::NotFound);
        }
        tx.commit()?;
        Ok(())
    }

    /// The user's connections, oldest first.
    pub fn list(&self, user: &str) -> Result<Vec<ConnectionInfo>, StoreError> {
        let db = self.db();
        let mut stmt = db.prepare(
            "SELECT id, user, provider, method, identity, public_values, created_at, updated_at
             FROM connections WHERE user = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map(params![user], row_info)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Connection `id` of `user`.
    pub fn get(&self, id: &str, user: &str) -> Result<Option<ConnectionInfo>, StoreError> {
        let db = self.db();
        Ok(db
            .query_row(
                "SELECT id, user, provider, method, identity, public_values, created_at,
                     updated_at
                 FROM connections WHERE id = ?1 AND user = ?2",
                params![id, user],
                row_info,
            )
            .optional()?)
    }

    /// The decrypted secret material of connection `id` of `user` (for the hub's own calls
    /// to the provider; never for a page).
    pub fn secret(&self, id: &str, user: &str) -> Result<SecretMaterial, StoreError> {
        let sealed: Vec<u8> = self
            .db()
            .query_row(
                "SELECT sealed_secret FROM connections WHERE id = ?1 AND user = ?2",
                params![id, user],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let plaintext = self
            .sealer
            .open(&sealed, &row_aad(id, user))
            .map_err(StoreError::Sealed)?;
        serde_json::from_slice(&plaintext).map_err(|_| StoreError::Corrupt)
    }
}

/// Records `session` as redeemed; refused if it already was. A result without a session
/// (a `connectspec serve --dev` service's, never the hub's own) is not recorded.
fn redeem(tx: &rusqlite::Transaction<'_>, session: &str, now: i64) -> Result<(), StoreError> {
    if session.is_empty() {
        return Ok(());
    }
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO redeemed_sessions (session, redeemed_at) VALUES (?1, ?2)",
        params![session, now],
    )?;
    if inserted == 0 {
        return Err(StoreError::SessionRedeemed);
    }
    Ok(())
}

fn row_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConnectionInfo> {
    let values: String = r.get(5)?;
    Ok(ConnectionInfo {
        id: r.get(0)?,
        user: r.get(1)?,
        provider: r.get(2)?,
        method: r.get(3)?,
        identity: r.get(4)?,
        values: match serde_json::from_str(&values) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        },
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KEY_LEN;

    pub(crate) const SECRET: &str = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";

    fn material() -> SecretMaterial {
        let mut m = SecretMaterial::default();
        m.fields.insert("api_token".into(), SECRET.into());
        m.fields
            .insert("user_email".into(), "ada@example.com".into());
        m
    }

    fn values() -> Map<String, Value> {
        let mut v = Map::new();
        v.insert("user_email".into(), "ada@example.com".into());
        v
    }

    fn linked<'a>(
        secret: &'a SecretMaterial,
        values: &'a Map<String, Value>,
        session: &'a str,
    ) -> Linked<'a> {
        Linked {
            user: "ada",
            provider: "oneflow",
            method: "api_token",
            identity: Some("account 42"),
            values,
            secret,
            session,
        }
    }

    /// Every byte SQLite wrote for the database: the file and any journal beside it.
    fn file_bytes(path: &Path) -> Vec<u8> {
        let mut bytes = std::fs::read(path).unwrap();
        for suffix in ["-journal", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            if let Ok(more) = std::fs::read(&p) {
                bytes.extend(more);
            }
        }
        bytes
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn the_database_file_holds_no_secret_in_clear_and_the_secret_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.sqlite3");
        let store = Store::open(&path, Sealer::new(&[5u8; KEY_LEN])).unwrap();
        let (secret, values) = (material(), values());
        let id = store
            .insert(&linked(&secret, &values, "session-1"), 100)
            .unwrap();
        // A reconnect writes a new sealed blob; the old one is overwritten, not left behind.
        let mut renewed = material();
        renewed
            .fields
            .insert("api_token".into(), SECRET.replace('K', "k"));
        store
            .update(&id, &linked(&renewed, &values, "session-2"), 200)
            .unwrap();
        drop(store);

        let bytes = file_bytes(&path);
        for secret in [SECRET.to_string(), SECRET.replace('K', "k")] {
            assert!(!contains(&bytes, secret.as_bytes()), "a secret in clear");
            // Nor either half of it.
            assert!(!contains(&bytes, &secret.as_bytes()[..20]));
            assert!(!contains(&bytes, &secret.as_bytes()[20..]));
        }
        // The non-secret values are in clear (what a reconnect pre-fills).
        assert!(contains(&bytes, b"ada@example.com"));

        let store = Store::open(&path, Sealer::new(&[5u8; KEY_LEN])).unwrap();
        let back = store.secret(&id, "ada").unwrap();
        assert_eq!(back.fields["api_token"], SECRET.replace('K', "k"));
        assert_eq!(back.fields["user_email"], "ada@example.com");
        let info = store.get(&id, "ada").unwrap().unwrap();
        assert_eq!(info.identity.as_deref(), Some("account 42"));
        assert_eq!((info.created_at, info.updated_at), (100, 200));
        // Another user cannot read it, and another key cannot open it.
        assert!(matches!(
            store.secret(&id, "bob"),
            Err(StoreError::NotFound)
        ));
        let other = Store::open(&path, Sealer::new(&[6u8; KEY_LEN])).unwrap();
        assert!(matches!(
            other.secret(&id, "ada"),
            Err(StoreError::Sealed(_))
        ));
    }

    #[test]
    fn a_blob_moved_to_another_row_does_not_open() {
        let store = Store::in_memory(Sealer::new(&[5u8; KEY_LEN])).unwrap();
        let (secret, values) = (material(), values());
        let a = store.insert(&linked(&secret, &values, "s1"), 1).unwrap();
        let b = store.insert(&linked(&secret, &values, "s2"), 2).unwrap();
        store
            .db()
            .execute(
                "UPDATE connections SET sealed_secret =
                     (SELECT sealed_secret FROM connections WHERE id = ?1) WHERE id = ?2",
                params![a, b],
            )
            .unwrap();
        assert!(store.secret(&a, "ada").is_ok());
        assert!(matches!(
            store.secret(&b, "ada"),
            Err(StoreError::Sealed(_))
        ));
    }

    #[test]
    fn a_session_is_redeemed_once_and_updates_need_the_same_owner_and_method() {
        let store = Store::in_memory(Sealer::new(&[5u8; KEY_LEN])).unwrap();
        let (secret, values) = (material(), values());
        let id = store.insert(&linked(&secret, &values, "s1"), 1).unwrap();
        assert!(matches!(
            store.insert(&linked(&secret, &values, "s1"), 2),
            Err(StoreError::SessionRedeemed)
        ));
        assert!(matches!(
            store.update(&id, &linked(&secret, &values, "s1"), 2),
            Err(StoreError::SessionRedeemed)
        ));
        let mut other_user = linked(&secret, &values, "s3");
        other_user.user = "bob";
        assert!(matches!(
            store.update(&id, &other_user, 3),
            Err(StoreError::NotFound)
        ));
        let mut other_method = linked(&secret, &values, "s4");
        other_method.method = "oauth";
        assert!(matches!(
            store.update(&id, &other_method, 3),
            Err(StoreError::NotFound)
        ));
        // The failed updates rolled back their redemptions: the sessions are still unused.
        store
            .update(&id, &linked(&secret, &values, "s3"), 4)
            .unwrap();
        assert_eq!(store.list("ada").unwrap().len(), 1);
        assert!(store.list("bob").unwrap().is_empty());
    }
}
