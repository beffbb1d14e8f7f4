//! Watch mode (`serve --specs DIR --watch`): a spec saved on disk is served anew
//! without a restart.
//!
//! The directory is watched (not each file: editors save by writing a new file and
//! renaming it over the old one), with its `i18n/` translations. A burst of events is settled for a moment, then the
//! loader reloads: specs whose model changed are rebuilt, a spec that no longer loads
//! keeps its last good version, and its diagnostics go to the terminal and to its form
//! page. The new catalogue replaces the old one whole.

use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use connectspec_loader::Loader;
use notify::{RecursiveMode, Watcher};

use crate::AppState;
use crate::catalogue::Catalogue;

/// How long events must stop before a reload: one save is several events.
const SETTLE: Duration = Duration::from_millis(150);

/// Watches the loader's directory for as long as the returned watcher lives.
pub fn spawn(
    state: AppState,
    loader: Arc<Mutex<Loader>>,
) -> Result<notify::RecommendedWatcher, notify::Error> {
    let dir = loader
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .dir()
        .to_owned();
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = event.is_ok_and(|e| {
            !matches!(e.kind, notify::EventKind::Access(_))
                && e.paths
                    .iter()
                    .any(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        });
        if relevant {
            let _ = tx.send(());
        }
    })?;
    // Recursive: a spec's translations (`i18n/<locale>/<id>.yaml`) are served too.
    watcher.watch(&dir, RecursiveMode::Recursive)?;
    std::thread::Builder::new()
        .name("connectspec-watch".into())
        .spawn(move || {
            while rx.recv().is_ok() {
                // Settle: wait until the burst of one save is over.
                loop {
                    match rx.recv_timeout(SETTLE) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                reload(&state, &loader);
            }
        })
        .map_err(notify::Error::io)?;
    eprintln!("  watching {} for changes to specs", dir.display());
    Ok(watcher)
}

/// Reloads the directory and serves the result; reports what changed and what does
/// not load.
pub fn reload(state: &AppState, loader: &Mutex<Loader>) {
    let mut loader = loader.lock().unwrap_or_else(|e| e.into_inner());
    match loader.load() {
        Ok((snapshot, changes)) => {
            let catalogue = Catalogue::from_snapshot(loader.dir(), snapshot);
            for id in &changes.rebuilt {
                eprintln!("  reloaded spec {id}");
                tracing::info!(provider = %id, "spec reloaded");
            }
            for id in &changes.removed {
                eprintln!("  removed spec {id}");
                tracing::info!(provider = %id, "spec removed");
            }
            report(&catalogue);
            state.replace_catalogue(catalogue);
        }
        Err(e) => {
            eprintln!("{e}");
            tracing::warn!("specs directory not reloaded");
        }
    }
}

/// Prints the problems of every spec that does not load, as `cargo xtask check` does.
pub fn report(catalogue: &Catalogue) {
    for (id, problems) in catalogue.all_problems() {
        let kept = catalogue.provider(id).is_some();
        eprintln!(
            "  spec {id} does not load ({} problem(s)); {}",
            problems.len(),
            if kept {
                "serving its last good version"
            } else {
                "not served until it loads"
            }
        );
        tracing::warn!(provider = %id, problems = problems.len(), "spec does not load");
        for p in problems {
            eprintln!("{p}");
        }
    }
}
