import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageFile } from '../paths';

/** TimelineJS3's build (script, styles, locales, fonts) as npm ships it; it loads its locale at run time. */
export const TIMELINEJS_DIST = packageFile('@knight-lab/timelinejs', 'dist');

/**
 * TimelineJS3's English locale with the year on the time axis's month labels ("Jan. 2024"): its
 * own says "Jan.", so a strip a few months wide never said which year it showed.
 */
export function timelineJsEnglish(): string {
  const locale = JSON.parse(readFileSync(path.join(TIMELINEJS_DIST, 'js', 'locale', 'en.json'), 'utf8')) as {
    dateformats: Record<string, string>;
  };
  return JSON.stringify({ ...locale, dateformats: { ...locale.dateformats, month_short: 'mmm yyyy' } });
}
