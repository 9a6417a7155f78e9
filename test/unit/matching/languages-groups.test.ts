import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

/**
 * The groups English alone had (arming, arms_embargo, council_action, domestic_industry, exemption,
 * illicit_revenue, numbered_resolution, origin, prospect), each doing its job in the other eight
 * languages through the whole matcher. A line is `group | expected | sentence`: expected `A` is
 * arms_transfer, `U` un_violation, `-` no alert. A `(without)` line is the story before it with the
 * group's phrase left out: it still alerts, so the phrase is what stops the alarm.
 */
const CODES: Record<string, string[]> = {
  '-': [],
  A: ['arms_transfer'],
  U: ['un_violation'],
  AU: ['arms_transfer', 'un_violation'],
};

const CASES: Record<string, string[]> = {
  ru: [
    'refusal | - | Сеул не может предоставить Украине зенитные ракеты.',
    '(without) | A | Сеул предоставил Украине зенитные ракеты.',
    'arming | AU | Россия вооружает талибов, утверждает американская разведка.',
    'arms_embargo | AU | Частная военная компания нарушила оружейное эмбарго против Ливии.',
    'council_action | - | Совбез ООН единогласно принял резолюцию, запрещающую поставки оружия в Южный Судан.',
    '(without) | AU | Совбез ООН сообщил, что поставки оружия в Южный Судан продолжаются.',
    'domestic_industry | - | Минобороны Египта закупило партию танков отечественного производства.',
    '(without) | A | Минобороны Египта закупило партию танков.',
    'prospect | A | Москва рассматривает возможность поставки оружия хуситам.',
    '(without) | AU | Москва продолжает поставки оружия хуситам.',
    'numbered_resolution | U | Иран нарушил резолюцию 2231, заявили в Лондоне.',
    'numbered_resolution | - | Дамаск нарушил резолюцию 2254 Совета Безопасности.',
    '(without) | U | Дамаск нарушил резолюцию Совета Безопасности.',
    'origin | AU | Армия России применила ракеты северокорейского производства.',
    'origin | - | Северокорейское производство снарядов выросло в разы.',
    'illicit_revenue | U | Эксперты ООН: хакеры КНДР похитили криптовалюту на 3 млрд долларов.',
    'exemption | A | Группа экспертов ООН сообщила, что поставка оружия правительству Сомали была одобрена комитетом по санкциям.',
    '(without) | AU | Группа экспертов ООН сообщила о поставке оружия правительству Сомали.',
  ],
  uk: [
    'refusal | - | Сеул не може надати Україні зенітні ракети, заявив міністр.',
    '(without) | A | Сеул надав Україні зенітні ракети, заявив міністр.',
    'arming | AU | Іран роками озброює хуситів, заявили в Пентагоні.',
    'arms_embargo | AU | Приватна військова компанія порушила збройове ембарго щодо Лівії.',
    'council_action | - | Рада Безпеки ООН одноголосно ухвалила резолюцію, що забороняє постачання зброї до Південного Судану.',
    '(without) | AU | Рада Безпеки ООН повідомила, що постачання зброї до Південного Судану тривають.',
    'domestic_industry | - | Міноборони Єгипту закупило партію бронемашин вітчизняного виробництва.',
    '(without) | A | Міноборони Єгипту закупило партію бронемашин.',
    'prospect | A | Москва розглядає можливість постачання зброї хуситам.',
    '(without) | AU | Москва продовжує постачання зброї хуситам.',
    'origin | AU | Росія застосувала ракети північнокорейського виробництва.',
    'origin | - | Північнокорейське виробництво снарядів зросло.',
    'illicit_revenue | U | Експерти ООН: хакери КНДР викрали криптовалюту на 600 млн доларів.',
  ],
  ko: [
    'arming | AU | 러시아가 탈레반을 무장시켰다고 정보당국이 밝혔다',
    'arms_embargo | AU | 민간 군사기업이 리비아에 대한 무기 금수 조치를 위반했다',
    'council_action | - | 안보리는 만장일치로 결의안을 채택해 남수단에 대한 무기 공급 금지를 연장했다',
    '(without) | AU | 안보리는 남수단에 대한 무기 공급 금지를 강조했다',
    'domestic_industry | - | 이집트 방위사업청은 자주포 양산 계약을 체결해 포탄을 구매한다',
    '(without) | A | 이집트 방위사업청은 자주포 계약을 체결해 포탄을 구매한다',
    'prospect | A | 러시아가 후티 반군에 대한 무기 지원을 검토하고 있다',
    '(without) | AU | 러시아가 후티 반군에 무기 지원을 했다',
    'origin | A | 러시아군이 북한제 미사일로 하르키우를 공격했다',
    'numbered_resolution | U | 북한이 결의 2397호를 위반했다고 정부가 밝혔다',
    'numbered_resolution | - | 시리아가 안보리 결의 2254호를 위반했다고 밝혔다',
  ],
  zh: [
    'refusal | - | 外交部：中方从未向冲突任何一方提供致命性武器。',
    '(without) | A | 外交部：中方向冲突一方提供致命性武器。',
    'arming | A | 美方称伊朗长期武装了也门胡塞武装。',
    'arms_embargo | AU | 一家私营军事公司违反了对利比亚的武器禁运。',
    'council_action | - | 安理会一致通过决议，延长对南苏丹的武器禁运，禁止向其运送武器。',
    '(without) | AU | 安理会重申对南苏丹的武器禁运，禁止向其运送武器。',
    'domestic_industry | - | 埃及军队采购了一批自主研发的无人机。',
    '(without) | A | 埃及军队采购了一批无人机。',
    'prospect | A | 俄罗斯正在考虑向胡塞武装提供武器。',
    '(without) | AU | 俄罗斯正在向胡塞武装提供武器。',
    'origin | AU | 俄军使用朝鲜制导弹袭击了哈尔科夫。',
    'origin | - | 美制裁俄罗斯军工企业，涉及导弹零部件。',
    'numbered_resolution | U | 伊朗违反了第2231号决议。',
    'numbered_resolution | - | 叙利亚违反了安理会第2254号决议。',
  ],
  ar: [
    'arming | AU | اتهم التقرير إيران بتسليح الحوثيين في اليمن.',
    'arms_embargo | AU | انتهكت شركة عسكرية خاصة حظر الأسلحة على ليبيا.',
    'council_action | - | تبنى مجلس الأمن القرار بأغلبية 13 صوتا، ويفرض حظرا على توريد الأسلحة إلى قادة الحوثيين.',
    '(without) | AU | قال مجلس الأمن إن حظرا على توريد الأسلحة إلى قادة الحوثيين قائم.',
    'domestic_industry | - | تسلمت القوات المسلحة المصرية شحنة صواريخ محلية الصنع.',
    '(without) | A | تسلمت القوات المسلحة المصرية شحنة صواريخ.',
    'prospect | A | قال مسؤولون إن روسيا تدرس تزويد الحوثيين بصواريخ.',
    '(without) | AU | قال مسؤولون إن روسيا تواصل تزويد الحوثيين بصواريخ.',
    'numbered_resolution | U | قالت واشنطن إن إيران انتهكت القرار 2231.',
  ],
  fr: [
    "arming | AU | Selon Washington, l'Iran continue d'armer les Houthis.",
    "arms_embargo | AU | Une société militaire privée a violé l'embargo sur les armes visant la Libye.",
    "council_action | - | Le Conseil de sécurité a adopté à l'unanimité une résolution qui prolonge l'interdiction de livrer des armes au Soudan du Sud.",
    "(without) | AU | Le Conseil de sécurité rappelle l'interdiction de livrer des armes au Soudan du Sud.",
    "domestic_industry | - | L'armée égyptienne a reçu des drones armés de fabrication nationale, achetés pour 30 millions d'euros.",
    "(without) | A | L'armée égyptienne a reçu des drones armés, achetés pour 30 millions d'euros.",
    'prospect | A | Moscou envisage de livrer des missiles aux Houthis.',
    '(without) | AU | Moscou va livrer des missiles aux Houthis.',
    'numbered_resolution | U | La Corée du Nord a violé la résolution n° 2397 en exportant du charbon.',
  ],
  es: [
    'imperfect | AU | Las armas y municiones se trasladaban por tierra a Darfur para abastecer a las Fuerzas de Apoyo Rápido.',
    'refusal | - | Suiza rechaza la reexportación a Ucrania de munición de fabricación suiza.',
    '(without) | A | Suiza autoriza la reexportación a Ucrania de munición de fabricación suiza.',
    'arming | A | Según Washington, Irán sigue armando a los hutíes.',
    'arms_embargo | AU | Una empresa militar privada violó el embargo de armas a Libia.',
    'council_action | - | El Consejo de Seguridad aprobó por unanimidad una resolución que prorroga la prohibición de enviar armas a Sudán del Sur.',
    '(without) | AU | El Consejo de Seguridad recordó la prohibición de enviar armas a Sudán del Sur.',
    'domestic_industry | - | El Ministerio egipcio compró drones armados de fabricación nacional.',
    '(without) | A | El Ministerio egipcio compró drones armados.',
    'prospect | A | Moscú estudia enviar misiles a los hutíes.',
    '(without) | AU | Moscú volvió a enviar misiles a los hutíes.',
    'origin | AU | Los hutíes lanzaron misiles de origen iraní contra un buque.',
    'origin | A | El ejército sudanés usa drones de fabricación turca.',
  ],
  de: [
    'compound | AU | Die Küstenwache fand Material zur Sprengstoffherstellung und Zündern an Bord eines Frachters mit Ziel Libyen.',
    'participle | A | Iranische Ausbilder schulen russische Soldaten im Umgang mit den aus Iran gelieferten Kamikazedrohnen.',
    'arming | A | Russland bewaffnet die Taliban, sagen US-Geheimdienste.',
    'arms_embargo | AU | Ein privates Militärunternehmen hat gegen das Waffenembargo gegen Libyen verstoßen.',
    'council_action | - | Der Sicherheitsrat hat einstimmig eine Resolution verabschiedet, die Waffenlieferungen an den Südsudan weiter verbietet.',
    '(without) | AU | Der Sicherheitsrat erinnerte daran, dass Waffenlieferungen an den Südsudan verboten sind.',
    'domestic_industry | - | Die ägyptische Armee kauft Drohnen aus heimischer Produktion.',
    '(without) | A | Die ägyptische Armee kauft Drohnen.',
    'prospect | A | Moskau erwägt die Lieferung von Raketen an die Huthis.',
    '(without) | AU | Moskau beginnt die Lieferung von Raketen an die Huthis.',
    'origin | AU | Russland feuerte Raketen nordkoreanischer Bauart auf Charkiw.',
    'traps | - | Scholz bekräftigt sein Nein zur Lieferung von Taurus-Marschflugkörpern an die Ukraine.',
    '(without) | A | Scholz bekräftigt die Lieferung von Taurus-Marschflugkörpern an die Ukraine.',
  ],
};

const categories = (text: string): string[] =>
  shippedMatcher().match({ title: text, body: '', published: '2024-06-01' }).categories;

describe('the groups English alone had, in the eight other languages', () => {
  for (const [lang, lines] of Object.entries(CASES)) {
    describe(lang, () => {
      for (const line of lines) {
        const [group, expected, text] = line.split(' | ');
        it(`${group} ${expected}: ${text}`, () =>
          expect(categories(text)).toEqual(CODES[expected]));
      }
    });
  }
});

/** A state's own sanctions enforced by it, in each language, beside the same breach without them. */
const UNILATERAL: ReadonlyArray<readonly [string, string, string]> = [
  [
    'ru',
    'Минфин США оштрафовал банк за нарушение американских санкций против Ирана.',
    'Банк обвинили в нарушении санкций против Ирана.',
  ],
  [
    'uk',
    'Мінфін США оштрафував банк за порушення американських санкцій проти Ірану.',
    'Банк звинуватили в порушенні санкцій проти Ірану.',
  ],
  [
    'ko',
    '미 재무부는 대북 독자제재를 위반한 중국 기업에 벌금을 부과했다.',
    '중국 기업이 대북 제재를 위반했다.',
  ],
  ['zh', '美国财政部对违反美国对伊朗单边制裁的银行处以罚款。', '一家银行违反了对伊朗的制裁。'],
  [
    'ar',
    'غرمت وزارة الخزانة الأمريكية مصرفا لانتهاكه العقوبات الأمريكية على إيران.',
    'اتهم مصرف بانتهاك العقوبات على إيران.',
  ],
  [
    'fr',
    "Le Trésor américain a infligé une amende à une banque pour violation des sanctions américaines contre l'Iran.",
    "Une banque est accusée de violation des sanctions contre l'Iran.",
  ],
  [
    'es',
    'El Departamento del Tesoro multó a un banco por violar las sanciones estadounidenses contra Irán.',
    'Un banco fue acusado de violar las sanciones contra Irán.',
  ],
  [
    'de',
    'Das US-Finanzministerium verhängte eine Geldstrafe gegen eine Bank wegen Verstoßes gegen US-Sanktionen gegen Iran.',
    'Eine Bank soll gegen Sanktionen gegen Iran verstoßen haben.',
  ],
];

describe('unilateral sanctions enforced by their own state are no UN breach, in eight languages', () => {
  it.each(UNILATERAL)('%s', (_lang, unilateral, breach) => {
    expect(categories(unilateral)).toEqual([]);
    expect(categories(breach)).toEqual(['un_violation']);
  });
});
