import { locateQuotes } from '../bundle/locate-quotes';
import { BundleValidationError } from '../bundle/validate-bundle';

/**
 * `npm run seed:locate -- seed/bundle.yaml…`: fills in the offsets of quotes written as
 * `{quote, sentence}`. Exit codes: 0 done, 1 a file was refused (that file is left as it was).
 */
const files = process.argv.slice(2);
if (files.length === 0 || files.some((file) => file.startsWith('-'))) {
  console.error('usage: npm run seed:locate -- bundle.yaml…');
  process.exit(1);
}
let failed = false;
for (const file of files) {
  try {
    console.log(`${file}: located ${locateQuotes(file)} quotes`);
  } catch (error) {
    if (!(error instanceof BundleValidationError)) throw error;
    console.error(`${error.message}\n${file} was left as it was.`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
