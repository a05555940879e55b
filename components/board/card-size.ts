// The height a card is assumed to have before the virtualiser measures it (the server's HTML, the
// first frame): the median card measured by npm run bench:ui (136–172 px), so that first frame does
// not draw cards over each other. The bench prints the measured heights beside this figure.
export const ESTIMATED_CARD_HEIGHT = 152;
