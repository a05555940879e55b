// No deal open beside the board (a hard load of the board, or a slot with nothing to match).
export default function NoPanel() {
  return null;
}
