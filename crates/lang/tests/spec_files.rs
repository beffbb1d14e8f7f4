//! What stands behind a spec file's name: the loader loads it or reports it, never skips
//! it. Each case is built in a temporary directory next to a valid spec; `load_dir`
//! must report every broken entry at once, each with its code, its path and what to do.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use connectspec_lang::{Code, Diagnostic, Diagnostics, load_dir, load_file};

/// A valid spec for provider `id` (the reference Oneflow spec, renamed).
fn valid_spec(id: &str) -> String {
    let text = std::fs::read_to_string("../../specs/oneflow.yaml").expect("reference spec");
    let text = text.replacen("id: oneflow\n", &format!("id: {id}\n"), 1);
    assert!(text.contains(&format!("id: {id}\n")));
    text
}

/// Runs `f` on another thread and fails (instead of hanging) if it does not return:
/// opening a FIFO would block the loader forever.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the loader returned (it must not open a FIFO or device)")
}

fn only(diags: &Diagnostics, path: &Path) -> Diagnostic {
    let mine: Vec<&Diagnostic> = diags.0.iter().filter(|d| d.file == path).collect();
    assert_eq!(
        mine.len(),
        1,
        "one diagnostic for {}:\n{diags}",
        path.display()
    );
    mine[0].clone()
}

/// Asserts the diagnostic's code, that the path is named in the message and the
/// rendered text, that `needle` is in the message and that there is advice.
fn assert_diag(d: &Diagnostic, code: Code, path: &Path, needle: &str) {
    assert_eq!(d.code, code, "{}", d.render());
    let shown = path.display().to_string();
    assert!(d.message.contains(&shown), "path in {:?}", d.message);
    assert!(d.message.contains(needle), "{needle:?} in {:?}", d.message);
    let text = d.render();
    assert!(text.contains(&format!("error[{}]", code.id())), "{text}");
    assert!(text.contains(&format!("at {shown}")), "{text}");
    assert!(
        d.help.as_deref().is_some_and(|h| !h.is_empty()),
        "{text} says what to do"
    );
    // A problem with the whole file shows no made-up line and column.
    assert!(!text.contains(&format!("{shown}:0")), "{text}");
}

struct Tree {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Tree {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("good.yaml"), valid_spec("good")).unwrap();
        Tree { _dir: dir, root }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn every_entry_that_is_not_a_spec_file_is_reported_at_once() {
    let t = Tree::new();
    symlink("loop_b.yaml", t.path("loop_a.yaml")).unwrap();
    symlink("loop_a.yaml", t.path("loop_b.yaml")).unwrap();
    symlink("self.yaml", t.path("self.yaml")).unwrap();
    symlink("missing/nowhere.yaml", t.path("dangling.yaml")).unwrap();
    std::fs::create_dir(t.path("folder.yaml")).unwrap();
    mkfifo(&t.path("pipe.yml"));
    let _socket = std::os::unix::net::UnixListener::bind(t.path("socket.yaml")).unwrap();
    // A link to a valid spec is a spec.
    std::fs::write(t.path("real.txt"), valid_spec("linked")).unwrap();
    symlink("real.txt", t.path("linked.yaml")).unwrap();

    let root = t.root.clone();
    let diags = within(move || load_dir(&root)).expect_err("broken entries are errors");
    assert_eq!(diags.len(), 7, "{diags}");

    for name in ["loop_a.yaml", "loop_b.yaml", "self.yaml"] {
        let p = t.path(name);
        assert_diag(&only(&diags, &p), Code::NotAFile, &p, "loop of links");
    }
    let p = t.path("dangling.yaml");
    let d = only(&diags, &p);
    assert_diag(&d, Code::NotAFile, &p, "which does not exist");
    assert!(d.message.contains("missing/nowhere.yaml"), "{}", d.message);
    let p = t.path("folder.yaml");
    assert_diag(&only(&diags, &p), Code::NotAFile, &p, "is a directory");
    let p = t.path("pipe.yml");
    assert_diag(&only(&diags, &p), Code::NotAFile, &p, "named pipe (FIFO)");
    let p = t.path("socket.yaml");
    assert_diag(&only(&diags, &p), Code::NotAFile, &p, "a socket");

    // The valid spec and the linked one load once the broken entries are gone.
    for name in [
        "loop_a.yaml",
        "loop_b.yaml",
        "self.yaml",
        "dangling.yaml",
        "pipe.yml",
        "socket.yaml",
    ] {
        std::fs::remove_file(t.path(name)).unwrap();
    }
    std::fs::remove_dir(t.path("folder.yaml")).unwrap();
    let cat = load_dir(&t.root).unwrap_or_else(|d| panic!("{d}"));
    let ids: Vec<&str> = cat.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["good", "linked"]);
}

#[test]
fn a_fifo_is_reported_by_load_file_without_being_opened() {
    let t = Tree::new();
    let p = t.path("pipe.yaml");
    mkfifo(&p);
    let q = p.clone();
    let diags = within(move || load_file(&q)).expect_err("a FIFO is no spec");
    assert_diag(&only(&diags, &p), Code::NotAFile, &p, "named pipe (FIFO)");
}

#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let t = Tree::new();
    let p = t.path("locked.yaml");
    std::fs::write(&p, valid_spec("locked")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&p).is_ok() {
        // Permission bits do not bind a privileged user (root, CAP_DAC_OVERRIDE), which
        // test containers often are: this sub-case cannot be arranged, the I/O error case
        // below covers the same report.
        eprintln!(
            "skipped the permission sub-case: the tests run with privileges that ignore mode 000"
        );
    } else {
        let diags = load_dir(&t.root).expect_err("an unreadable spec is an error");
        let d = only(&diags, &p);
        assert_diag(&d, Code::Io, &p, "permission denied");
        assert!(d.help.as_deref().unwrap().contains("readable"), "{d:?}");
    }
}

/// A read that fails after the file opened (here: `/proc/self/mem` at offset 0, which
/// is never mapped, so reading it is an I/O error even for root).
#[cfg(target_os = "linux")]
#[test]
fn a_read_error_is_reported() {
    let t = Tree::new();
    let p = t.path("eio.yaml");
    symlink("/proc/self/mem", &p).unwrap();
    let diags = load_dir(&t.root).expect_err("a failing read is an error");
    let d = only(&diags, &p);
    assert_diag(&d, Code::Io, &p, "cannot be read: input/output error");
    assert!(!d.message.contains("os error"), "{}", d.message);
}

#[test]
fn a_file_over_the_size_limit_is_reported_not_read() {
    let t = Tree::new();
    let p = t.path("huge.yaml");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(connectspec_lang::load::MAX_FILE_BYTES + 1)
        .unwrap();
    let diags = load_dir(&t.root).expect_err("too large");
    let d = only(&diags, &p);
    assert_diag(&d, Code::TooLarge, &p, "at most 4194304 bytes");
}

#[test]
fn a_missing_directory_is_reported() {
    let t = Tree::new();
    let p = t.path("no-such-dir");
    let diags = load_dir(&p).expect_err("missing directory");
    assert_diag(&only(&diags, &p), Code::Io, &p, "cannot be listed");
}

/// A BOM is accepted: the spec loads, and a mistake in a file with one is located
/// exactly where it is in the same file without the mark.
#[test]
fn a_byte_order_mark_is_accepted_and_positions_stay_right() {
    let t = Tree::new();
    let text = valid_spec("bom");
    std::fs::write(t.path("bom.yaml"), format!("\u{feff}{text}")).unwrap();
    load_file(&t.path("bom.yaml")).unwrap_or_else(|d| panic!("{d}"));

    let broken = text.replacen("name: Oneflow\n", "name: Oneflow\nnmae: x\n", 1);
    assert_ne!(broken, text);
    std::fs::write(t.path("plain.yaml"), &broken).unwrap();
    std::fs::write(t.path("marked.yaml"), format!("\u{feff}{broken}")).unwrap();
    let plain = load_file(&t.path("plain.yaml")).unwrap_err();
    let marked = load_file(&t.path("marked.yaml")).unwrap_err();
    let at = |d: &Diagnostics| -> Vec<(Code, u32, u32, usize)> {
        d.0.iter()
            .map(|d| (d.code, d.pos.line, d.pos.column, d.pos.offset))
            .collect()
    };
    assert!(!at(&plain).is_empty());
    assert_eq!(at(&plain), at(&marked));
    // A mistake on the first line (the schema comment) is at column 1 as well.
    let first = broken.replacen("# yaml-language-server", "# yaml-languageserver", 1);
    std::fs::write(t.path("first.yaml"), format!("\u{feff}{first}")).unwrap();
    let d = load_file(&t.path("first.yaml")).unwrap_err();
    let schema =
        d.0.iter()
            .find(|d| d.message.contains("first line"))
            .unwrap_or_else(|| panic!("{d}"));
    assert_eq!((schema.pos.line, schema.pos.column), (1, 1));
}
