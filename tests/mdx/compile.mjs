// Compiles and runs every generated .mdx page with the real MDX compiler.
//
// Usage: node compile.mjs DIR...   (prints one JSON object per page on stdout)
//
// Each page is compiled (syntax), then evaluated with a tiny JSX runtime that builds a
// plain tree, and rendered with the page components (Steps, Step, Warning) provided.
// MDX throws when a page uses a component that is not provided, so an undeclared
// component fails here. The JSON report carries what the compiled page really says
// (headings, step titles, warnings, links) so the Rust test can compare it with the spec.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, evaluate } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';

const Fragment = Symbol('Fragment');
const jsx = (type, props) => ({ type, props });
const runtime = { Fragment, jsx, jsxs: jsx, baseUrl: import.meta.url };

// The components a guide page may use; each just keeps its props and children.
const named = (name) => (props) => ({ type: name, props });
const components = { Steps: named('Steps'), Step: named('Step'), Warning: named('Warning') };

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...pages(path));
    else if (name.endsWith('.mdx')) out.push(path);
  }
  return out;
}

// Expands component functions so the tree holds only intrinsic elements and named components.
function expand(node) {
  if (Array.isArray(node)) return node.map(expand);
  if (node === null || typeof node !== 'object') return node;
  let { type, props } = node;
  if (typeof type === 'function') return expand(type(props));
  const children = props && props.children !== undefined ? expand(props.children) : undefined;
  return { type, props: { ...props, children } };
}

function text(node) {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join('');
  return text(node.props && node.props.children);
}

function walk(node, visit) {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (node === null || typeof node !== 'object') return;
  visit(node);
  walk(node.props && node.props.children, visit);
}

let failed = 0;
for (const dir of process.argv.slice(2)) {
  for (const file of pages(dir)) {
    const source = readFileSync(file, 'utf8');
    const report = { file, ok: true };
    try {
      await compile(source, { remarkPlugins: [remarkFrontmatter] });
      const mod = await evaluate(source, { ...runtime, remarkPlugins: [remarkFrontmatter] });
      const tree = expand(mod.default({ components }));
      const h2 = [], steps = [], warnings = [], links = [], strong = [], items = [];
      walk(tree, (n) => {
        if (n.type === 'h2') h2.push(text(n));
        if (n.type === 'Step') steps.push(n.props.title);
        if (n.type === 'Warning') warnings.push(text(n));
        if (n.type === 'a') links.push({ href: n.props.href, target: n.props.target ?? null, rel: n.props.rel ?? null, text: text(n) });
        if (n.type === 'strong') strong.push(text(n));
        if (n.type === 'li') items.push(text(n));
      });
      Object.assign(report, { h2, steps, warnings, links, strong, items, text: text(tree) });
    } catch (e) {
      failed += 1;
      report.ok = false;
      report.error = String(e && e.message ? e.message : e);
    }
    console.log(JSON.stringify(report));
  }
}
process.exit(failed === 0 ? 0 : 1);
