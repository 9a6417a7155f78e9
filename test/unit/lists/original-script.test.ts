import { expect, it, describe } from 'vitest';
import { importUn } from '../../../src/lists/un.js';
import { compileMatcher } from '../../../src/matching/index.js';

// A two-record list shaped as the UN publishes it: names in parts, and the name in its own script.
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS>
<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ABD AL-HAKIM</FIRST_NAME><SECOND_NAME>AL-WARFALLI</SECOND_NAME>
<UN_LIST_TYPE>Libya</UN_LIST_TYPE><REFERENCE_NUMBER>LYi.900</REFERENCE_NUMBER>
<NAME_ORIGINAL_SCRIPT>عبد الحكيم الورفلي</NAME_ORIGINAL_SCRIPT>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abdulhakim Warfalli</ALIAS_NAME></INDIVIDUAL_ALIAS>
</INDIVIDUAL>
<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>SERGEI</FIRST_NAME><SECOND_NAME>PETROVSKY</SECOND_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.900</REFERENCE_NUMBER>
<NAME_ORIGINAL_SCRIPT>Сергей Петровский</NAME_ORIGINAL_SCRIPT>
</INDIVIDUAL>
</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;

describe('lists: UN names in their original script', () => {
  const { watchlist } = importUn(XML);
  const matcher = compileMatcher({ watchlists: [watchlist] });
  const refs = (title: string, body: string) =>
    matcher
      .match({ title, body })
      .matches.filter((m) => m.list === watchlist.name)
      .map((m) => m.ref);

  it('keeps NAME_ORIGINAL_SCRIPT as an alias beside the Latin names', () => {
    const e = watchlist.entries.find((x) => x.ref === 'LYi.900');
    expect(e?.aliases).toContain('عبد الحكيم الورفلي');
    expect(e?.name.toLowerCase()).toContain('warfalli');
  });

  it('matches an Arabic report that names the person in Arabic, prefix attached', () => {
    expect(
      refs('تقرير', 'وقال مسؤولون إن شحنة الأسلحة سلمت إلى عبد الحكيم الورفلي في بنغازي.'),
    ).toContain('LYi.900');
  });

  it('matches a Russian report in Cyrillic', () => {
    expect(refs('Доклад', 'По данным экспертов, сделку организовал Сергей Петровский.')).toContain(
      'KPi.900',
    );
  });
});
