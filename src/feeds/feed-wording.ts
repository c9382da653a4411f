import type { WidgetLanguage } from '../domain/model';

/** How a feed words what it shows. */
export interface FeedWording {
  readonly language: WidgetLanguage;
  /** `source`: each event's title as its sources wrote it (the resolved title); `en`: the English one. */
  readonly titles: 'source' | 'en';
}

export const DEFAULT_WORDING: FeedWording = { language: 'en', titles: 'source' };
