import { describe, expect, it } from 'vitest';
import {
  declaredXmlLanguage,
  detectLanguage,
  itemLanguage,
  languageTag,
} from '../../../src/feeds/language.js';
import { parseFeed } from '../../../src/feeds/parse.js';

describe('languageTag', () => {
  it('keeps the primary subtag, lower-cased, and refuses what is not a tag', () => {
    expect(languageTag('en-GB')).toBe('en');
    expect(languageTag(' zh_Hans ')).toBe('zh');
    expect(languageTag('FR')).toBe('fr');
    expect(languageTag('english please')).toBeUndefined();
    expect(languageTag('')).toBeUndefined();
    expect(languageTag(undefined)).toBeUndefined();
  });
});

describe('detectLanguage on short news openings', () => {
  it.each([
    ['en', 'Customs officers seize rifles hidden in a shipment of tractor parts', ''],
    ['fr', "Des armes livrées aux milices malgré l'embargo, selon un rapport", ''],
    ['es', 'La guardia costera intercepta un cargamento de fusiles con destino a Haití', ''],
    ['de', 'Zoll beschlagnahmt Gewehre in einer Lieferung von Traktorteilen', ''],
    ['ru', 'Таможня изъяла винтовки в партии запчастей', ''],
    ['uk', 'Митниця вилучила гвинтівки у партії запчастин', ''],
    ['ko', '세관, 트랙터 부품 화물에서 소총 압수', ''],
    ['zh', '海关在拖拉机零件货物中查获步枪', ''],
    ['ar', 'الجمارك تضبط بنادق مخبأة في شحنة قطع غيار', ''],
  ])('%s', (language, title, body) => {
    expect(detectLanguage(title, body)).toBe(language);
  });

  it('says nothing on text without letters', () => {
    expect(detectLanguage('2397 / 1718', '')).toBeUndefined();
  });
});

describe('itemLanguage', () => {
  it('takes the declared language unless the script cannot be it', () => {
    expect(itemLanguage('en-US', 'Customs officers seize rifles', '')).toBe('en');
    expect(itemLanguage(undefined, 'Customs officers seize rifles bound for the port', '')).toBe(
      'en',
    );
    // A mixed feed: declared English, a Korean and a Russian story.
    expect(itemLanguage('en', '세관, 소총 압수', '')).toBe('ko');
    expect(itemLanguage('en', 'Таможня изъяла винтовки', '')).toBe('ru');
    // Declared Ukrainian fits any Cyrillic text; declared Korean does not fit Latin text.
    expect(itemLanguage('uk', 'Таможня изъяла винтовки', '')).toBe('uk');
    expect(
      itemLanguage('ko', 'Customs officers seize rifles hidden in a shipment of parts', ''),
    ).toBe('en');
  });
});

describe('declared language of a feed', () => {
  it('reads RSS <language>, <dc:language> and Atom xml:lang', () => {
    expect(declaredXmlLanguage('<rss><channel><language>fr-FR</language>')).toBe('fr');
    expect(declaredXmlLanguage('<rdf:RDF><channel><dc:language>de</dc:language>')).toBe('de');
    expect(declaredXmlLanguage('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">')).toBe(
      'es',
    );
    expect(declaredXmlLanguage('<rss><channel><title>x</title>')).toBeUndefined();
  });

  it('gives every parsed item a language: the feed’s, or its own where the script says so', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <language>fr</language>
      <item><title>Des armes livrées aux milices</title><guid>a</guid></item>
      <item><title>세관, 소총 압수</title><guid>b</guid></item>
    </channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss));
    expect(feed.items.map((i) => i.language)).toEqual(['fr', 'ko']);
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Desk',
      language: 'en',
      items: [
        { id: '1', title: 'Customs officers seize rifles', content_text: '' },
        { id: '2', title: 'Zoll beschlagnahmt Gewehre', content_text: '', language: 'de' },
      ],
    });
    const parsed = await parseFeed(Buffer.from(json));
    expect(parsed.items.map((i) => i.language)).toEqual(['en', 'de']);
  });

  it('detects the language of items in a feed that declares none', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>x</id><title>La guardia costera intercepta un cargamento de fusiles con destino a Haití</title>
      <updated>2026-01-01T00:00:00Z</updated></entry></feed>`;
    expect((await parseFeed(Buffer.from(atom))).items[0].language).toBe('es');
  });
});
