//! `validate`, `list` and `scopes` with `--specs DIR`: a spec that is not compiled in is
//! used as the compiled ones are, and a directory that does not load stops the command
//! with every problem located.

mod common;

use std::path::Path;

use common::{TOKEN, run, text};

/// A directory with one spec the compiled catalogue does not have: Oneflow's, renamed.
fn acme_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let oneflow = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/oneflow.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("acme_sign.yaml"),
        oneflow
            .replace("\nid: oneflow\n", "\nid: acme_sign\n")
            .replace("\nname: Oneflow\n", "\nname: Acme Sign\n"),
    )
    .unwrap();
    dir
}

#[test]
fn a_spec_from_a_directory_validates_without_a_rebuild() {
    let dir = acme_dir();
    let specs = dir.path().to_str().unwrap();
    let ok = run(
        &[
            "validate",
            "--specs",
            specs,
            "acme_sign",
            "api_token",
            "--json",
            "--field-env",
            "api_token=ACME_TOKEN",
            "--field",
            "user_email=ada@example.com",
        ],
        None,
        &[("ACME_TOKEN", TOKEN)],
    );
    let out = text(&ok);
    assert_eq!(ok.status.code(), Some(0), "{out}");
    assert!(out.contains("\"provider\": \"acme_sign\""), "{out}");
    assert!(!out.contains(TOKEN), "{out}");

    let bad = run(
        &[
            "validate",
            "--specs",
            specs,
            "acme_sign",
            "api_token",
            "--field-env",
            "api_token=ACME_TOKEN",
            "--field",
            "user_email=not-an-email",
        ],
        None,
        &[("ACME_TOKEN", "short")],
    );
    let out = text(&bad);
    assert_eq!(bad.status.code(), Some(1), "{out}");
    assert!(out.contains("user_email"), "{out}");
    assert!(!out.contains("short"), "no value echoed: {out}");

    // Only the directory's providers: the compiled ones are not mixed in.
    let list = run(&["list", "--specs", specs], None, &[]);
    let out = text(&list);
    assert_eq!(list.status.code(), Some(0), "{out}");
    assert!(out.contains("acme_sign (Acme Sign)"), "{out}");
    assert!(!out.contains("oneflow"), "{out}");
    let unknown = run(
        &["validate", "--specs", specs, "oneflow", "api_token"],
        None,
        &[],
    );
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown));

    let scopes = run(
        &["scopes", "--specs", specs, "acme_sign", "api_token"],
        None,
        &[],
    );
    assert_eq!(scopes.status.code(), Some(0), "{}", text(&scopes));
}

#[test]
fn a_directory_that_does_not_load_stops_the_command() {
    let dir = acme_dir();
    let path = dir.path().join("acme_sign.yaml");
    let spec = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        spec.replace("\nhomepage: ", "\ncolour: red\nhomepage: "),
    )
    .unwrap();
    let o = run(
        &["list", "--specs", dir.path().to_str().unwrap()],
        None,
        &[],
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("acme_sign.yaml:"), "located: {out}");
    assert!(out.contains("colour"), "{out}");
}
