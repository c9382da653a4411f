import { z } from 'zod';
import { AppError } from '../errors';
import { asOfDay, toPeriod } from '../services/timeline.service';
import { FeedQuerySchema, parseFeedQuery, type FeedQuery } from './feed-query';

/**
 * Parameters that newsletters, social networks and ad platforms add to a shared link: a page
 * ignores them without a word. Any other unknown parameter is ignored too, with a quiet note, since
 * it may be a misspelt one (`?entities=`) that would otherwise widen the selection unnoticed.
 */
const TRACKING =
  /^(utm_[a-z_]*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|igshid|igsh|si|ref|ref_src|ref_url|source|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|s_cid|cmpid)$/i;

/** A notice for the reader: the parameter it is about, and what the page did instead. */
export interface PageNotice {
  readonly parameter: string;
  readonly message: string;
  /** An alert says the link asked for something the page could not show; a note says what it ignored. */
  readonly severity: 'alert' | 'note';
}

export interface PageQuery extends FeedQuery {
  /** The parameters the page kept, as the query string its script sends to the feed ('' or `?…`). */
  readonly feedSearch: string;
  /** The page's own parameters (the explorer's focus, event, connect) that are well formed. */
  readonly own: Readonly<Record<string, string>>;
  readonly notices: readonly PageNotice[];
}

/** What each known parameter takes, as a reader can act on it. */
const EXPECTED: Readonly<Record<string, string>> = {
  entityMatch: 'any or all',
  match: 'overlaps or within',
  order: 'asc or desc',
  groupBy: 'type or entity',
  lang: 'en or pt',
  asOf: 'one day written YYYY, YYYY-MM or YYYY-MM-DD',
};

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The page's own parameters and what makes them well formed (an id, or two for connect). */
const OWN_PARAMETERS: Readonly<Record<string, { valid(value: string): boolean; expected: string }>> = {
  focus: {
    valid: (value) => value.split(',').every((id) => ID.test(id)),
    expected: 'entity ids separated by commas, such as kim-jong-un',
  },
  focusMatch: { valid: (value) => /^(any|all)$/i.test(value), expected: 'any or all' },
  event: { valid: (value) => ID.test(value), expected: 'an event id such as 2024-06-19-putin-kim-summit' },
  connect: {
    valid: (value) => /^[a-z0-9-]+,[a-z0-9-]+$/.test(value) && value.split(',').every((id) => ID.test(id)),
    expected: 'two ids separated by a comma',
  },
};

function shown(value: unknown): string {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Reads a widget page's URL parameters as a reader's link carries them: tracking and other unknown
 * parameters are dropped, a malformed value is dropped with a notice (the page then shows its
 * default for it), so that a link shared anywhere opens the page, never an error body. `own`
 * names the page's own parameters besides the feed's.
 */
export function parsePageQuery(
  query: Record<string, unknown>,
  own: readonly (keyof typeof OWN_PARAMETERS)[] = [],
): PageQuery {
  const notices: PageNotice[] = [];
  const kept: Record<string, unknown> = {};
  const ownValues: Record<string, string> = {};
  const shape = FeedQuerySchema.shape as Record<string, z.ZodTypeAny>;
  for (const [name, value] of Object.entries(query)) {
    const schema = shape[name];
    if (schema) {
      if (schema.safeParse(value).success) kept[name] = value;
      else
        notices.push({
          parameter: name,
          severity: 'alert',
          message: `The link’s ${name}=“${shown(value)}” was ignored: ${name} takes ${EXPECTED[name] ?? 'one value of at most 200 characters'}.`,
        });
    } else if ((own as readonly string[]).includes(name)) {
      const rule = OWN_PARAMETERS[name];
      if (rule && typeof value === 'string' && rule.valid(value)) ownValues[name] = value;
      else
        notices.push({
          parameter: name,
          severity: 'alert',
          message: `The link’s ${name}=“${shown(value)}” was ignored: ${name} takes ${rule?.expected ?? 'one value'}.`,
        });
    } else if (!TRACKING.test(name)) {
      notices.push({
        parameter: name,
        severity: 'note',
        message: `The parameter “${shown(name)}” is not one this page knows and was ignored (it knows ${Object.keys(shape).join(', ')}).`,
      });
    }
  }
  for (const bound of ['from', 'to'] as const) {
    if (typeof kept[bound] !== 'string') continue;
    try {
      toPeriod(bound === 'from' ? (kept[bound] as string) : null, bound === 'to' ? (kept[bound] as string) : null);
    } catch {
      notices.push({
        parameter: bound,
        severity: 'alert',
        message: `The link’s ${bound}=“${shown(kept[bound])}” is not a date and was ignored: write it as YYYY, YYYY-MM or YYYY-MM-DD.`,
      });
      delete kept[bound];
    }
  }
  if (typeof kept.asOf === 'string') {
    try {
      asOfDay(kept.asOf);
    } catch {
      notices.push({
        parameter: 'asOf',
        severity: 'alert',
        message: `The link’s asOf=“${shown(kept.asOf)}” is not a date and was ignored: write the day of the reports to show as YYYY, YYYY-MM or YYYY-MM-DD. The page shows the current view.`,
      });
      delete kept.asOf;
    }
  }
  if (typeof kept.from === 'string' && typeof kept.to === 'string') {
    try {
      toPeriod(kept.from, kept.to);
    } catch (error) {
      notices.push({
        parameter: 'to',
        severity: 'alert',
        message: `The link’s period was ignored: ${error instanceof AppError ? error.message : 'it is not a period'}.`,
      });
      delete kept.from;
      delete kept.to;
    }
  }
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(kept))
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  const feedSearch = search.size > 0 ? `?${search.toString()}` : '';
  return { ...parseFeedQuery(kept), feedSearch, own: ownValues, notices };
}
