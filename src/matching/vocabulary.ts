/**
 * Built-in vocabularies: named groups of phrases that rules refer to. A phrase is matched on
 * token boundaries after normalisation (case, diacritics, hyphens and `152mm`/`152 mm` folded).
 * `{a,b}` expands to alternatives; `#` stands for any number, `#res` for a number that can be a
 * Security Council resolution (600–2999).
 */
export type Vocabulary = Record<string, readonly string[]>;

/** Expands `suppl{y,ies,ied}` into `supply supplies supplied`; several braces multiply. */
export function expandPhrase(phrase: string): string[] {
  const m = /\{([^{}]*)\}/.exec(phrase);
  if (!m) return [phrase];
  const head = phrase.slice(0, m.index);
  const tail = phrase.slice(m.index + m[0].length);
  return m[1].split(',').flatMap((alt) => expandPhrase(head + alt + tail));
}

const ARMS = [
  'arms', 'weapon{,s,ry}', 'armament{s}', 'munition{s}', 'ammunition', 'ammo', 'materiel', 'ordnance',
  'military {equipment,hardware,cargo,vehicle,vehicles,supplies,aid,goods,items,technology,use,aircraft}',
  'lethal aid', 'defence {equipment,articles,systems}', 'defense {equipment,articles,systems}',
  '{rifle,rifles,firearm,firearms,pistol,pistols,handgun,handguns,shotgun,shotguns}', 'machine gun{,s}', 'small arms', 'light weapons',
  'assault rifle{,s}', 'sniper rifle{,s}', 'kalashnikov{,s}', 'ak 47{,s}', 'ak 47s', 'akm{,s}',
  'missile{,s}', 'ballistic missile{,s}', 'cruise missile{,s}', 'rocket{,s}', 'launcher{,s}', 'rocket launcher{,s}',
  'missile {parts,components,technology,engines,launchers}', 'rocket {fuses,motors,engines}', 'proximity fuses', 'fuses',
  '{drone,drones,uav,uavs}', 'unmanned aerial vehicle{,s}', 'attack drone{,s}', 'kamikaze drone{,s}', 'loitering munition{,s}',
  'drone {engines,parts,components,boats}', 'shahed{,s}',
  '{artillery,howitzer,howitzers,mortar,mortars,grenade,grenades,rpg,rpgs,explosive,explosives,landmine,landmines,warhead,warheads,bombs}', 'guided bomb{,s}',
  'artillery {shell,shells,rounds,ammunition}', 'shells', 'tank shells', 'mortar {rounds,shells}', 'grenade launcher{,s}',
  '# rounds', '# million rounds', '# high power rounds', '# mm', '# mm {rounds,shells,ammunition,guns}', '# caliber', '# calibre',
  'rounds of ammunition', 'bullets', 'cartridges',
  'tank{,s}', 'battle tank{,s}', 'armo{u,}red {vehicle,vehicles,personnel carriers}', 'armo{u,}r', 'fighting vehicles',
  'infantry fighting vehicles', 'personnel carriers',
  'fighter {jet,jets}', 'warplane{,s}', 'combat {aircraft,helicopters,drones}', 'attack helicopter{,s}', 'gunship{,s}',
  'warship{,s}', 'frigate{,s}', 'submarine{,s}', 'corvette{,s}',
  'air defen{c,s}e {,systems,system,missiles}', 'anti aircraft {,missiles,systems,guns}', 'anti tank {,missiles,weapons}', 'surface to air missile{,s}',
  'manpads', 'jamming systems', 'electronic warfare systems', 'propellant', 'rpg propellant',
  'dual use {goods,items,equipment,components,technology}', 'weapons components', 'weapons parts',
  'nuclear weapon{,s}', 'chemical weapon{,s}',
];

/** Predicates that say a thing changed hands. Agent nouns (supplier, smuggler) are left out: they describe people. */
const TRANSFER = [
  'suppl{y,ies,ied,ying}', 'deliver{,s,ed,ing,y,ies}', 'ship{ped,ping,ment,ments}',
  'transfer{,s,red,ring}', 'smuggl{e,es,ed,ing}', 'sell{,s,ing}', 'sold', 'sale{,s}',
  'procur{e,es,ed,ing,ement}', 'export{,s,ed,ing}', 'import{,s,ed,ing,ation}',
  'traffick{ing,ed}', 'gunrunning', 'send{,s,ing}', 'sent', 'provid{e,es,ed,ing}', 'furnish{,es,ed,ing}',
  'buy{,s,ing}', 'bought', 'purchas{e,es,ed,ing}', 'acquir{e,es,ed,ing}', 'acquisition{,s}', 'dispatch{,es,ed,ing}',
  'hand{,ed,ing} over', 'arming', 'rearming', 'donat{e,es,ed,ing}', 'transaction{,s}',
  '{arms,weapons} {flow,flows,pipeline}', 'flow{,s} of {arms,weapons}', 'funnel{,s,ed,led,ing,ling}', 'airlift{,s,ed,ing}',
  'arms deal{,s}', 'weapons deal{,s}', 'arms {trade,trading}',
];

/** Movement and interdiction: a transfer only with a means of transport or a cargo in the sentence. */
const CONVEYANCE = [
  'carr{y,ies,ied,ying}', 'cargo', 'consignment{,s}', '{loaded,unloaded,offloaded,unload,offload}', 'trucked', 'ferried',
  'bound for', 'destined for', 'en route to', 'meant for', 'headed {for,to}', 'heading {for,to}', 'bound',
  'mov{e,es,ed,ing} {into,to,across}', 'channel{,s,ed,led,ing}', 'divert{,s,ed,ing}', 'hid', 'hidden', 'concealed',
  'seiz{e,es,ed,ing,ure,ures}', 'intercept{,s,ed,ing,ion}', 'interdict{,s,ed,ion,ions}', 'confiscat{e,es,ed,ing}', 'found',
];

const TRANSIT = [
  'dhow{,s}', 'vessel{,s}', 'ship{,s}', 'freighter{,s}', 'cargo ship{,s}', 'boat{,s}', 'cargo', 'consignment{,s}', 'container{,s}',
  'shipment{,s}', 'port', 'harbo{u,}r', 'coast guard', 'off the coast', 'coastal', 'border', 'checkpoint', 'crossing',
  'truck{,s}', 'lorry', 'lorries', 'train{,s}', 'rail', 'railway', 'convoy{,s}', 'cargo {plane,planes,flight,flights}',
  'smuggling', 'smuggled', 'package{,s}', 'crate{,s}', 'barrels', 'navy', 'naval', 'maritime', 'patrol boat', 'cutter',
];


/** Demonym or state name + one of these: the weapon came from that state (`North Korean-made`). */
export const ORIGIN_SUFFIXES = ['made', 'built', 'manufactured', 'produced', 'designed', 'supplied', 'origin'];

/** A transfer named again in a later sentence (`such transfers`, `the deliveries`). */
const TRANSFER_ANAPHORA = [
  '{the,such,these,those,this,that} {transfer,transfers,deliveries,delivery,shipment,shipments,supplies,purchases,sales,sale,supply,transactions}',
];

const VIOLATION = [
  'violat{e,es,ed,ing,ion,ions,or,ors}', 'breach{,es,ed,ing}', 'in breach of', 'flout{,s,ed,ing}',
  'contraven{e,es,ed,ing,tion,tions}', 'evad{e,es,ed,ing}', 'evasion', 'circumvent{,s,ed,ing,ion}',
  'def{y,ies,ied,ying,iance}', 'in defiance of', 'in violation of', 'despite', 'bust{,s,ed,ing}', 'sanctions busting',
  'prohibited', 'banned', 'barred', 'illicit{,ly}', 'illegal{,ly}', 'unlawful{,ly}', 'non compliance',
  'exceed{,s,ed,ing}', 'blew past', 'above the cap', 'failed to stem', 'without {approval,authorisation,authorization}',
];

const UN_REF = [
  '{un,u n,united nations} {sanction,sanctions,embargo,ban,resolution,resolutions,measures,curbs,restrictions,rules,arms embargo}',
  '{un,united nations} security council {resolution,resolutions,sanctions,measures,curbs,ban,restrictions}',
  'security council {resolution,resolutions,sanctions,measures,curbs,restrictions,embargo,arms embargo}',
  'resolutions of the security council', 'unscr', 'unscrs', 'unsc resolution{,s}', 'unsc sanctions',
  'arms embargo', 'arms embargoes', 'weapons embargo', 'sanctions committee', 'sanctions regime',
  'resolution #res', 'resolutions #res', 'unscr #res', 'resolution #res and #res',
];

const UN_PANEL = [
  'panel of experts', 'group of experts', '{un,united nations} panel', 'sanctions panel', '{un,united nations} experts',
  '{un,united nations} monitors', 'sanctions monitors', 'monitoring team', '{un,united nations} investigators',
  '{un,united nations} sanctions monitors', '{un,united nations} inspectors',
];

const UN_CAP = [
  '{un,united nations} {cap,ceiling,caps,limit,quota}', '{un,united nations} rules cap', 'annual {un,united nations} ceiling',
  'security council cap', 'cap on refined petroleum', 'refined petroleum cap',
];

const PETROLEUM = ['oil', 'fuel', 'refined {fuel,petroleum,products}', 'petroleum {,products}', 'diesel', 'gasoline', 'barrels', 'crude', 'coal'];

const RESOLUTION_BARE = ['resolution{,s}'];
const SECURITY_COUNCIL = ['security council', 'unsc', 'council'];
const SANCTIONS_WORD = ['sanctions', 'embargo', 'sanctions regime'];

/** Sentences with these are not transfer or breach reports (rules list them under `none`). */
const LIFTING = [
  'lift{,s,ed,ing}', 'terminat{e,es,ed,ing,ion}', 'ended', 'ends', 'scrapp{ed,ing}', 'eas{ed,ing}', 'remov{ed,ing}', 'disbanded',
];
const EARNINGS = [
  'bottom line', 'wall street', 'analysts said', 'stock market',
  'earnings', 'profit{,s}', 'revenue{,s}', 'order backlog', 'backlog', 'sales {forecast,growth,outlook}', 'guidance',
  'operating profit', 'quarterly results', 'dividend', 'share price', 'shares {rose,fell,jumped,slid,climbed,dropped}', 'stock price',
];
const DOMESTIC_GUNS = [
  'gun {sales,dealers,dealer,shops,shop,shows,show,stores,store,owners,ownership,control,laws,law,rights,kits,violence,buyers}',
  'firearm {sales,dealers,purchases}', 'background checks', 'second amendment', 'concealed carry', 'ghost gun{,s}',
  'atf', 'nra', 'mass shooting{,s}', 'assault weapons ban',
];
const SPACE = ['space station', 'astronaut{,s}', 'cosmonaut{,s}', 'spacecraft', 'space agency', 'into orbit', 'nasa', 'spacex'];
const SPORT = [
  'transfer {window,fee,fees,record,market,deadline,talks,saga,request,target,news,deal,deals,bid,rumours,rumors}',
  'striker', 'midfielder', 'goalkeeper', 'defender', 'premier league', 'champions league', 'la liga', 'serie a', 'bundesliga',
  'release clause', 'free transfer', 'loan deal', 'football', 'soccer',
];

/** Phrases that cancel any arms/transfer/violation hit inside them (the traps). */
const TRAPS = [
  'wire transfer{,s}', 'money transfer{,s}', 'bank transfer{,s}', 'cash transfer{,s}', 'fund{,s} transfer{,s}',
  'transfer{,red,s} {of,the} {funds,money,cash}', 'balance transfer{,s}', 'transfer of power', 'power transfer', 'peaceful transfer',
  'transfer of sovereignty', 'transfer of prisoners', 'prisoner transfer{,s}', 'data transfer{,s}', 'file transfer{,s}',
  'heat transfer', 'knowledge transfer', 'ship to ship transfer{,s}', 'technology transfer', 'patient transfer{,s}',
  'transfer {window,fee,fees,record,market,deadline,talks,saga,request,target,deal,deals,bid}', 'free transfer', 'on transfer',
  'open arms', 'arms wide open', 'up in arms', 'call to arms', 'brothers in arms', 'comrades in arms', 'coat of arms', 'arms length',
  'in {his,her,their,my,your,our} arms', 'arms {around,crossed,folded,outstretched,raised}', 'arms and legs',
  'arms race', 'arms control', 'arms reduction', 'arms limitation', 'arms talks', 'arms trade treaty', 'arms control treaty',
  'intercept{,s,ed,ing} {,#} {,cruise,ballistic,incoming,enemy,hostile} {missile,missiles,rocket,rockets,drone,drones}',
  'shot down {,#} {missile,missiles,rocket,rockets,drone,drones}', 'missile interceptor{,s}',
  'drone {delivery,deliveries}', 'delivery drone{,s}', 'think tank{,s}', '{fuel,oil,storage,water,gas,septic,fish} tank{,s}',
  'capable of carrying', 'buy{,s,ing} off', 'bought off', 'carr{y,ies,ied,ying} out', '{plastic,rubber} bullets', '{car,roadside,suicide} bombs', 'tear gas', 'shell company', 'shell companies', 'round of talks', 'rounds of talks', 'bombshell',
  'love bomb{,s}', 'photo bomb{,s}', 'box office bomb', 'sex bomb', 'bath bomb{,s}', 'tank top{,s}', 'fish tank', 'launch pad',
  'rocket scientist{,s}', 'rocket league', 'houston rockets', 'arms dealer{,s} of', 'missile toe',
  'anti doping rule violation{,s}', 'rule violation{,s}', 'traffic violation{,s}', 'human rights violation{,s}',
  'code violation{,s}', 'parking violation{,s}', 'ceasefire violation{,s}', 'doping violation{,s}', 'flouts clear statutory',
  'us sanctions', 'u s sanctions', 'american sanctions', 'eu sanctions', 'european sanctions', 'uk sanctions', 'british sanctions',
  'western sanctions', 'unilateral sanctions', 'treasury sanctions', 'ofac sanctions', 'economic embargo', 'trade embargo',
  'american embargo', 'us embargo', 'u s embargo',
];

export const BUILTIN_VOCABULARY: Vocabulary = {
  arms: ARMS,
  transfer: TRANSFER,
  transfer_anaphora: TRANSFER_ANAPHORA,
  conveyance: CONVEYANCE,
  transit: TRANSIT,
  space: SPACE,
  violation: VIOLATION,
  un_ref: UN_REF,
  un_panel: UN_PANEL,
  un_cap: UN_CAP,
  petroleum: PETROLEUM,
  resolution_bare: RESOLUTION_BARE,
  security_council: SECURITY_COUNCIL,
  sanctions_word: SANCTIONS_WORD,
  general_assembly: ['general assembly', 'human rights council'],
  lifting: LIFTING,
  earnings: EARNINGS,
  domestic_guns: DOMESTIC_GUNS,
  sport: SPORT,
  traps: TRAPS,
};

/** The group whose hits cancel overlapping hits of every other group. */
export const TRAP_GROUP = 'traps';
