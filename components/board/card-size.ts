// The height a card is assumed to have before the virtualiser measures it: the median card measured
// by npm run bench:ui (136–172 px; the bench prints the measured heights beside this figure). Cards
// on screen are laid out in flow (stage-column.tsx), so a wrong estimate never makes them overlap;
// it only sizes the column's scrollable height until the cards are measured.
export const ESTIMATED_CARD_HEIGHT = 152;
