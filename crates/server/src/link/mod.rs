//! Link sessions: the service's trust model for linking accounts.
//!
//! ```text
//! POST /v1/link/sessions   operator key   open a session for one end user → token, url
//! GET  /v1/link/session    session token  what the form offers, pre-filled values
//! POST /v1/link/connect    session token  static credentials → connection test → result
//! POST /v1/link/exchange   operator key   a result → the credentials
//! GET  /link#session=…     anyone         the hosted link page (picker, then the form)
//! ```
//!
//! The hub's back end opens a session with its operator key ([`session`]); the browser
//! only ever holds that opaque token and, once the account is linked, an opaque result
//! ([`result`]) which the back end redeems. Both are sealed with the service's keys, so
//! nothing is stored and any instance serves any step. Connection tests are limited per
//! session ([`limit`]).

pub mod connect;
pub mod limit;
pub mod page;
pub mod result;
pub mod session;
