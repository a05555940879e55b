// On a phone the app shell's sidebar (components/app-shell/sidebar-nav.tsx, a fixed 13rem column)
// would leave the deal a sliver of the screen. Until the shell itself is responsive, the deal page
// turns it into a scrollable top bar below 768 px. Scoped to this page: it is rendered only here.
const CSS = `
@media (max-width: 767px) {
  body > div:has(> nav[aria-label="Main"]) { flex-direction: column; }
  nav[aria-label="Main"] { width: 100%; flex-direction: row; align-items: center; overflow-x: auto; padding: 0.5rem 0.75rem; gap: 0.25rem; white-space: nowrap; }
  nav[aria-label="Main"] > a { flex-shrink: 0; }
  nav[aria-label="Main"] > a:first-child { margin: 0 0.5rem 0 0; font-size: 1rem; }
}`;

export function PhoneShell() {
  return <style>{CSS}</style>;
}
