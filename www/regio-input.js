// Reading a number a project lead types into the Regio view's parameter editor, as people write them:
// a decimal comma ("0,7") or point ("0.7"), thousands separators when both marks appear ("1.234,5",
// "1,234.5"), a euro sign, and for shares and growth rates a percentage ("60%", or "60" where only a
// percentage makes sense). Pure functions, no DOM: the result is a value, or a problem in the engine's
// own shape ({code, params}) so the page words both the same way (i18n.js `explainProblem`).

/** What a field holds: an amount or count (>= 0), a share (0..1), or a growth rate (>= -1). */
export const KIND = Object.freeze({ amount: 'amount', share: 'share', growth: 'growth' });

/**
 * The number in `text`, or null when it is none. Both marks: the last one is the decimal mark and the
 * other groups thousands. One mark repeated in groups of three ("1.234.567") groups thousands; a single
 * comma or point is the decimal mark.
 */
export function parseNumber(text) {
  let s = String(text).replace(/[\s\u00a0\u202f€]/g, '').replace(/\u2212/g, '-');
  const comma = s.lastIndexOf(',');
  const point = s.lastIndexOf('.');
  if (comma >= 0 && point >= 0) {
    const [group, decimal] = comma > point ? ['.', ','] : [',', '.'];
    s = s.split(group).join('').replace(decimal, '.');
  } else if (/^[+-]?\d{1,3}([.,]\d{3}){2,}$/.test(s)) {
    s = s.replace(/[.,]/g, '');
  } else {
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/**
 * A field's text read as its kind: `{ value, percent }` (`percent`: the text was read as a percentage,
 * which the editor says beside the field), or `{ problem: {code, params} }`. A share is 0..1 or a
 * percentage: "60" and "60%" are 0,6, "0,6" stays 0,6, and more than 100% is refused. A growth rate is a
 * fraction (-1..1) or a percentage ("50%", "50"), never below -100%.
 */
export function readField(text, kind) {
  const raw = String(text).trim();
  if (raw === '') return { problem: { code: 'missing', params: {} } };
  const percentSign = raw.endsWith('%');
  const v = parseNumber(percentSign ? raw.slice(0, -1) : raw);
  if (v === null) return { problem: { code: 'invalid_format', params: { value: raw } } };
  if (kind === KIND.amount) {
    if (percentSign) return { problem: { code: 'invalid_format', params: { value: raw } } };
    if (v < 0) return { problem: { code: 'out_of_range', params: { min: 0, got: raw } } };
    return { value: v, percent: false };
  }
  // Shares above 1 and growth beyond ±100% only make sense as a percentage.
  const percent = percentSign || Math.abs(v) > 1;
  const value = percent ? v / 100 : v;
  if (kind === KIND.share && (value < 0 || value > 1)) {
    return { problem: { code: 'share_out_of_range', params: { got: raw } } };
  }
  if (kind === KIND.growth && value < -1) {
    return { problem: { code: 'growth_out_of_range', params: { got: raw } } };
  }
  return { value, percent };
}
