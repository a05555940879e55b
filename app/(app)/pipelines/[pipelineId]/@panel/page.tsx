// /pipelines/:id itself: navigating back to the board (the panel's breadcrumb, a filter link) closes the panel.
export default function BoardWithoutPanel() {
  return null;
}
