// The bounds of amounts and line items, in one place so that the API's schemas, the server actions
// and the browser's line-item editor accept exactly the same input. Pure: safe in the browser.

/** The largest amount a deal or a line may carry: 10^15 minor units, exact in a JSON number and a bigint column. */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000n;

/** A line's largest quantity: below 10^10 (the column is DECIMAL(14,4)). */
export const MAX_LINE_QUANTITY = 9_999_999_999.9999;

/** The largest percent: a line's percent discount, a line's or a product's tax rate. */
export const MAX_PERCENT = 100;

/** The decimals a quantity, a percent discount and a tax rate may have (their columns keep 4). */
export const DECIMAL_PLACES = 4;
