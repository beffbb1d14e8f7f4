//! The link page and its assets over loopback: headers, 404s, CORS for the embed origin.

mod common;

use common::Service;
use connectspec_server::Config;

const EMBED: &str = "https://hub.example.com";

fn config(embed: Option<&str>) -> Config {
    Config {
        embed_origin: embed.map(str::to_owned),
        ..Config::default()
    }
}

fn header(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn page_is_served_with_a_strict_policy() {
    let s = Service::start(config(None)).await;
    let c = common::client();
    for p in connectspec_providers::providers() {
        for m in p.methods {
            let res = c
                .get(s.url(&format!("/connect/{}/{}", p.id, m.id)))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{} {}", p.id, m.id);
            let csp = header(&res, "content-security-policy").unwrap();
            assert!(csp.contains("script-src 'self'"), "{csp}");
            assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
            assert_eq!(header(&res, "x-frame-options").as_deref(), Some("DENY"));
            let html = res.text().await.unwrap();
            assert!(html.contains(&format!(
                "<connectspec-link provider=\"{}\" method=\"{}\">",
                p.id, m.id
            )));
        }
    }
    for path in [
        "/connect/nope/api_token",
        "/connect/oneflow/nope",
        "/connect/assets/link/nope.js",
    ] {
        let res = c.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(
            header(&res, "content-type").as_deref(),
            Some("application/problem+json")
        );
    }
    let js = c
        .get(s.url("/connect/assets/link/connectspec-link.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert_eq!(
        header(&js, "content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        js.text()
            .await
            .unwrap()
            .contains("customElements.define(\"connectspec-link\"")
    );
    s.stop().await.unwrap();
}

#[tokio::test]
async fn detail_carries_the_guide_and_the_page_link() {
    let s = Service::start(config(None)).await;
    let body: serde_json::Value = reqwest::get(s.url("/v1/providers/oneflow"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let m = &body["methods"][0];
    assert_eq!(m["links"]["connect"], "/connect/oneflow/api_token");
    assert_eq!(
        m["guide"]["sections"][0]["title"],
        "Enable the Custom Integration"
    );
    let link = &m["guide"]["sections"][0]["steps"][0]["text"][1]["link"];
    assert_eq!(link["href"], "https://app.oneflow.com/login");
    assert_eq!(link["external"], true);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn cors_only_for_the_embed_origin() {
    let s = Service::start(config(Some(EMBED))).await;
    let c = common::client();
    let page = c
        .get(s.url("/connect/oneflow/api_token"))
        .send()
        .await
        .unwrap();
    assert!(
        header(&page, "content-security-policy")
            .unwrap()
            .ends_with(&format!("frame-ancestors {EMBED}"))
    );
    assert_eq!(header(&page, "x-frame-options"), None);
    let url = s.url("/v1/providers/oneflow/methods/api_token/validate");
    let pre = c
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", EMBED)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(pre.status(), 204);
    assert_eq!(
        header(&pre, "access-control-allow-origin").as_deref(),
        Some(EMBED)
    );
    assert!(
        header(&pre, "access-control-allow-headers")
            .unwrap()
            .contains("content-type")
    );
    let other = c
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://evil.example.com")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&other, "access-control-allow-origin"), None);
    let get = c
        .get(s.url("/v1/providers/oneflow"))
        .header("origin", EMBED)
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 200);
    assert_eq!(
        header(&get, "access-control-allow-origin").as_deref(),
        Some(EMBED)
    );
    s.stop().await.unwrap();
}
