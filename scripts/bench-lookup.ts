/**
 * Warning-list lookup benchmark: how long `/client lookup` takes with 100,000 clients and
 * 1,000,000 flags stored (DESIGN.md §5: exact/URL lookup < 5 ms p99, fuzzy name search < 100 ms p95).
 *
 *   npm run bench:lookup
 *   BENCH_QUERIES=800 npm run bench:lookup
 *   BENCH_KEEP_DATABASE=1 npm run bench:lookup    # leave the database for EXPLAIN by hand
 *
 * It creates a database of its own on the server named by BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL, or the local test server), runs the migrations and seeds:
 *
 *   - 20 communities (federated and private, each with its own show-from-others setting) and
 *     3,000 members spread unevenly over them;
 *   - 100,000 clients: a third marketplace profiles (crowdworks:<n>, lancers:<name>,
 *     coconala:<n>), the rest named clients whose names are made up, deterministically, from
 *     word lists (katakana brand words, kanji place and trade words, Latin brand and trade words,
 *     people's names) and stored normalized by the real normalizeClientName; a few thousand
 *     aliases joining names to profiles and back;
 *   - 300,000 deliveries over two years, skewed so that a few clients are very popular, with the
 *     nudge history of their stages;
 *   - 1,000,000 flags, mostly approved (a third of those past their 12-month expiry, a few of
 *     those marked expired), some pending, rejected, retracted or removed, over all categories;
 *     those filed on a delivery are linked to it, the rest are not.
 *
 * Then it times the real lookupClient over the real PgWarningListStore on postgres.js, with a fixed
 * clock, for three kinds of query, each a few hundred distinct queries after a warm-up of a
 * thousand others of each kind. The warm-up stands for a bot that has been running for a while:
 * V8 keeps compiling the hot paths of drizzle, postgres.js and Kenshu for the first couple of
 * thousand lookups, and those compilations, not the database, made the tail of a short warm-up.
 * Its figures are printed too, as what the first lookups after a start cost:
 *
 *   - url:   a profile URL or `marketplace:id` (some of them an alias of a named client);
 *   - exact: a stored name typed another way (half-width kana, hiragana, another legal form,
 *            full-width Latin, spaces), which normalizes to the stored name;
 *   - fuzzy: a misspelled or partial name that is no stored name, so the trigram search runs.
 *
 * Each lookup is made from one of the communities that has dealt with the client (so it is found
 * whatever that community shows of the others); over the run every sharing setting is used. Targets
 * are drawn mostly in proportion to a client's activity (a popular client is looked up more
 * often), the rest uniformly. The database is dropped at the end, on error and on Ctrl-C. The
 * targets are a report: missing them still exits 0; an error (or a url or exact query that does
 * not find its client) exits non-zero.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import { seededRandom } from '../tests/scheduler/due-nudges.js';
import { ownBenchDatabase, runBench, type BenchRun } from './bench-database.js';
import postgres from 'postgres';
import { normalizeClientName, parseClientIdentity } from '../src/domain/client-identity.js';
import type { Clock } from '../src/domain/clock.js';
import { lookupClient, type LookupResult, type ShowFromOthers, type ViewerPolicy, type WarningListStore } from '../src/domain/warning-list.js';
import { createStores } from '../src/store/index.js';
import { PgWarningListStore } from '../src/store/pg-warning-list-store.js';
import * as schema from '../src/store/schema.js';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** "Now" for the data and for the clock lookups are made with. */
const NOW = new Date('2025-06-02T03:00:00.000Z');
const COMMUNITIES = 20;
const MEMBERS = 3_000;
const CLIENTS = 100_000;
const PROFILE_SHARE = 1 / 3;
/** Aliases: named clients also known by a profile, and profiles also known by a name. */
const PROFILE_ALIASES = 2_500;
const NAME_ALIASES = 2_500;
const DELIVERIES = 300_000;
const FLAGS = 1_000_000;
/** Popularity: client rank = CLIENTS × random()^SKEW, so the top client has ~1/√CLIENTS of the rows. */
const SKEW = 2;
/** Multiplier that spreads popularity ranks over client ids (coprime with CLIENTS). */
const SPREAD = 7_919;
const FLAG_TTL_DAYS = 365;

const CLIENT_CHUNK = 10_000;
const DELIVERY_CHUNK = 100_000;
const FLAG_CHUNK = 250_000;

const DEFAULT_QUERIES = 400;
const WARMUP = 1_000;
/** Share of query targets drawn in proportion to activity (deliveries + flags); the rest uniformly. */
const WEIGHTED_SHARE = 0.75;
/** Share of url / exact targets that are aliases (resolved through client_aliases). */
const ALIAS_SHARE = 0.1;

const TARGET_EXACT_P99_MS = 5;
const TARGET_FUZZY_P95_MS = 100;

type Sql = postgres.Sql;
type Kind = 'url' | 'exact' | 'fuzzy';
const KINDS: readonly Kind[] = ['url', 'exact', 'fuzzy'];

class BenchError extends Error {}

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtMs = (ms: number) => `${ms.toFixed(2)} ms`;
const log = (line: string) => console.log(line);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Nearest-rank percentile of an already sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarize(samples: readonly number[]): { median: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

function parseQueries(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_QUERIES;
  const text = raw.trim().replaceAll('_', '');
  if (!/^\d+$/.test(text) || Number(text) < 100 || Number(text) > 5_000) throw new BenchError(`BENCH_QUERIES: "${raw}" is not a whole number in 100..5000`);
  return Number(text);
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (the data and the queries are the same on every run)


type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chance = (rand: Rand, p: number) => rand() < p;

// ---------------------------------------------------------------------------------------------
// Names

const KANA_MORAE = [
  ...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ',
  ...'ガギグゲゴザジズゼゾダデドバビブベボパピプペポ',
  'キャ', 'キュ', 'キョ', 'シャ', 'シュ', 'ショ', 'チャ', 'チュ', 'チョ', 'リュ', 'リョ', 'ジュ', 'ジョ', 'ティ', 'ファ', 'フィ', 'ヴィ',
];

const KANA_TRADES = [
  'デザイン', 'システム', 'ソリューションズ', 'クリエイティブ', 'メディア', 'ワークス', 'ラボ', 'コンサルティング', 'マーケティング', 'テクノロジー',
  'ネットワーク', 'エンタープライズ', 'プランニング', 'プロダクション', 'スタジオ', 'ホールディングス', 'パートナーズ', 'コミュニケーションズ', 'エージェンシー', 'サービス',
  'デジタル', 'インターナショナル', 'グループ', 'ファクトリー', 'エンジニアリング', 'ソフト', 'ウェブ', 'ネット', 'リンク', 'ブレイン',
  'ライフ', 'ホーム', 'トラベル', 'フーズ', 'ファーマ', 'ヘルスケア', 'ビューティー', 'アカデミー', 'パブリッシング', 'ジャパン',
  'アソシエイツ', 'イノベーション', 'ロジスティクス', 'エステート', 'コーポレーション', 'ストラテジー', 'アドバタイジング', 'エデュケーション', 'ゲームス', 'ミュージック',
  'フィルム', 'アート', 'プロモーション', 'リサーチ', 'データ', 'クラウド', 'モバイル', 'セキュリティ', 'ロボティクス', 'エナジー',
];

const KANJI_PLACES = [
  '山田', '田中', '佐藤', '鈴木', '高橋', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '松本', '井上', '木村', '清水', '山口', '池田', '橋本', '阿部',
  '石川', '前田', '藤田', '小川', '岡田', '後藤', '長谷川', '村上', '近藤', '石井', '坂本', '遠藤', '青木', '藤井', '西村', '福田', '太田', '三浦', '星野', '白石',
  '東京', '大阪', '名古屋', '横浜', '京都', '神戸', '札幌', '福岡', '仙台', '広島', '千葉', '埼玉', '湘南', '北海道', '九州', '四国', '東北', '関西', '日本', '大和',
  '富士', '桜', '青葉', '若葉', '朝日', '旭', '光', '明星', '黒田', '金子', '銀河', '未来', '創造', '新世紀', '栄光', '協和', '共栄', '三和', '大同', '日進',
  '中央', '東洋', '西日本', '東日本', '一心', '誠', '匠', '翔', '浜松', '静岡', '長野', '新潟', '金沢', '岡山', '熊本', '沖縄', '高崎', '川崎', '品川', '渋谷',
];

const KANJI_TRADES = [
  '企画', '商事', '工房', '出版', '建設', '不動産', '商会', '産業', '興業', '工業', '物産', '通信', '電機', '精機', '技研', '総研', '研究所', '事務所', '製作所', '印刷',
  '広告', '運輸', '物流', '食品', '薬品', '化学', '設計', '開発', '情報', '教育', '保険', '住宅', '工務店', '農園', '酒造', '製菓', '書房', '会計', '編集', '制作',
  '映像', '音響', '写真館', '商店', '塾', '堂', '舎', '屋',
];

const FAMILY_NAMES = ['山田', '田中', '佐藤', '鈴木', '高橋', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '松本', '井上', '木村', '斉藤', '斎藤', '清水', '山崎', '森', '池田', '橋本', '阿部', '石川', '中島', '前田', '藤田', '小川', '岡田', '長谷川', '村上', '近藤', '石井', '坂本', '遠藤', '青木', '藤井', '西村', '福田', '太田', '三浦', '藤原', '岡本', '松田', '中川', '中野', '原田', '小野', '田村', '竹内'];
const GIVEN_NAMES = ['太郎', '一郎', '健太', '翔太', '大輔', '直樹', '誠', '学', '浩', '剛', '拓也', '達也', '和也', '哲也', '亮', '隆', '修', '聡', '豊', '勇気', '花子', '陽子', '恵子', '裕子', '美穂', '愛', '舞', '彩', '優子', '真由美', '由美', '智子', '麻衣', '結衣', '陽菜', '美咲', 'さくら', 'あおい', 'ゆうこ', 'まり'];
const ROMAN_FAMILY = ['Yamada', 'Tanaka', 'Sato', 'Suzuki', 'Takahashi', 'Ito', 'Watanabe', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamamoto', 'Smith', 'Johnson', 'Brown', 'Miller', 'Garcia', 'Martin', 'Lee', 'Walker', 'Wilson', 'Taylor', 'Clark', 'Lewis'];
const ROMAN_GIVEN = ['Taro', 'Kenji', 'Yuki', 'Hiroshi', 'Aiko', 'Emi', 'Naoki', 'Sakura', 'John', 'Emma', 'Olivia', 'Liam', 'Noah', 'Sophia', 'James', 'Mia', 'Lucas', 'Chloe', 'Daniel', 'Grace'];

const LATIN_SYLLABLES = ['ka', 'ri', 'zen', 'to', 'ra', 'mi', 'lo', 'va', 'no', 'xi', 'ta', 'sol', 'ne', 've', 'lu', 'mar', 'kai', 'ren', 'dor', 'bel', 'fi', 'quo', 'zo', 'na', 'tri', 'vo', 'li', 'sa', 'mo', 'ex', 'ion', 'tek', 'gen', 'syn', 'cor', 'al', 'ter', 'nix', 'pra', 'ly'];
const LATIN_TRADES = [
  'Media', 'Digital', 'Labs', 'Solutions', 'Partners', 'Studio', 'Works', 'Group', 'Creative', 'Global', 'Tech', 'Systems', 'Consulting', 'Marketing', 'Design', 'Ventures',
  'Capital', 'Networks', 'Software', 'Analytics', 'Cloud', 'Data', 'Interactive', 'Publishing', 'Press', 'Foods', 'Health', 'Travel', 'Education', 'Academy', 'Agency', 'Brands',
  'Commerce', 'Logistics', 'Energy', 'Robotics', 'Games', 'Entertainment', 'Productions', 'Films', 'Records', 'Apparel', 'Beauty', 'Home', 'Living', 'Realty', 'Holdings', 'Innovations',
  'Dynamics', 'Insights', 'Strategies', 'Communications', 'Translations', 'Learning', 'Pharma', 'Mobility', 'Security', 'Research', 'Factory', 'Collective', 'Lab', 'Japan',
];
const LATIN_ADJECTIVES = [
  'Blue', 'Red', 'Green', 'Silver', 'Golden', 'Bright', 'Smart', 'Next', 'First', 'Prime', 'North', 'South', 'East', 'West', 'Pacific', 'Sakura', 'Tokyo', 'Osaka', 'Kyoto', 'Fuji',
  'Nippon', 'Rising', 'Sun', 'Star', 'Sky', 'Ocean', 'River', 'Mountain', 'Forest', 'Urban', 'Metro', 'Peak', 'Summit', 'Apex', 'Nova', 'Alpha', 'Omega', 'Delta', 'Zen', 'Hikari',
];

const JA_FORMS = ['株式会社', '有限会社', '合同会社', '(株)', '㈱', '（株）', '一般社団法人'];
const LATIN_FORMS = [' Inc.', ' LLC', ' Co., Ltd.', ' Ltd.', ', Inc.', ' Corporation', ' Corp.'];

type Script = 'kana' | 'kanji' | 'latin' | 'person-ja' | 'person-latin';

interface Name {
  /** Words of the name without a legal form; joined without a space unless `spaced`. */
  words: string[];
  spaced: boolean;
  script: Script;
}

const coreOf = (name: Name) => name.words.join(name.spaced ? ' ' : '');

/** Word lists made once from the seed: a few hundred katakana and Latin brand words. */
function makeBrands(rand: Rand): { kana: string[]; latin: string[] } {
  const kana = new Set<string>();
  while (kana.size < 400) {
    let word = '';
    const morae = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < morae; i++) {
      if (i > 0 && chance(rand, 0.05)) word += 'ッ';
      word += pick(rand, KANA_MORAE);
      if (chance(rand, 0.1)) word += 'ー';
    }
    if (chance(rand, 0.12)) word += 'ン';
    kana.add(word);
  }
  const latin = new Set<string>();
  while (latin.size < 400) {
    let word = '';
    const syllables = 2 + Math.floor(rand() * 2);
    for (let i = 0; i < syllables; i++) word += pick(rand, LATIN_SYLLABLES);
    latin.add(word[0]!.toUpperCase() + word.slice(1));
  }
  return { kana: [...kana], latin: [...latin] };
}

function makeName(rand: Rand, brands: { kana: string[]; latin: string[] }): Name {
  const r = rand();
  if (r < 0.25) return { words: [pick(rand, brands.kana), pick(rand, KANA_TRADES)], spaced: false, script: 'kana' };
  if (r < 0.33) return { words: [pick(rand, KANJI_PLACES), pick(rand, brands.kana), pick(rand, KANA_TRADES)], spaced: false, script: 'kana' };
  if (r < 0.45) return { words: [pick(rand, KANJI_PLACES), pick(rand, KANJI_TRADES), ...(chance(rand, 0.3) ? [pick(rand, KANA_TRADES)] : [])], spaced: false, script: 'kanji' };
  if (r < 0.5) return { words: [pick(rand, KANJI_PLACES), pick(rand, KANA_TRADES)], spaced: false, script: 'kana' };
  if (r < 0.8) {
    const words = [pick(rand, brands.latin), pick(rand, LATIN_TRADES)];
    if (chance(rand, 0.35)) words.unshift(pick(rand, LATIN_ADJECTIVES));
    if (chance(rand, 0.15)) words.push(pick(rand, LATIN_TRADES));
    return { words, spaced: true, script: 'latin' };
  }
  if (r < 0.92) return { words: [pick(rand, FAMILY_NAMES), pick(rand, GIVEN_NAMES)], spaced: chance(rand, 0.5), script: 'person-ja' };
  return { words: [pick(rand, ROMAN_GIVEN), pick(rand, ROMAN_FAMILY)], spaced: true, script: 'person-latin' };
}

/** How a name is written where it is stored: with a legal form where a business has one. */
function displayOf(rand: Rand, name: Name): string {
  const core = coreOf(name);
  if (name.script === 'person-ja' || name.script === 'person-latin') return core;
  const r = rand();
  if (name.script === 'latin') {
    if (r < 0.45) return core + pick(rand, LATIN_FORMS);
    if (r < 0.6) return `株式会社${core}`;
    return core;
  }
  if (r < 0.4) return `株式会社${core}`;
  if (r < 0.65) return `${core}株式会社`;
  if (r < 0.75) return `${pick(rand, JA_FORMS)}${core}`;
  return core;
}

// Half-width katakana: the inverse of what NFKC does to it.
const HALF_WIDTH = new Map<string, string>();
for (let cp = 0xff66; cp <= 0xff9d; cp++) {
  const half = String.fromCodePoint(cp);
  const full = half.normalize('NFKC');
  if (full !== half && [...full].length === 1) HALF_WIDTH.set(full, half);
}

function toHalfWidthKana(text: string): string {
  let out = '';
  for (const ch of text) {
    const direct = HALF_WIDTH.get(ch);
    if (direct) {
      out += direct;
      continue;
    }
    const [base, mark] = [...ch.normalize('NFD')];
    const halfBase = base && HALF_WIDTH.get(base);
    if (halfBase && mark === '\u3099') out += `${halfBase}ﾞ`;
    else if (halfBase && mark === '\u309a') out += `${halfBase}ﾟ`;
    else out += ch;
  }
  return out;
}

const toHiragana = (text: string) => text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCodePoint(ch.codePointAt(0)! - 0x60));
const toFullWidthLatin = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).replace(/ /g, '\u3000');

/** The same name typed another way: it normalizes to the stored name. */
function retype(rand: Rand, name: Name): string[] {
  const core = coreOf(name);
  const words = name.words;
  switch (name.script) {
    case 'kana':
    case 'kanji': {
      const spaced = words.join(' ');
      return [
        toHalfWidthKana(core),
        `${toHalfWidthKana(core)}(株)`,
        `${core}株式会社`,
        `株式会社 ${spaced}`,
        `㈱${core}`,
        `${toHiragana(core)}（株）`,
        `有限会社${toHalfWidthKana(spaced)}`,
        `${spaced}`,
        `合同会社・${core}`,
      ].sort(() => rand() - 0.5);
    }
    case 'latin':
      return [
        `${core.toUpperCase()} Inc.`,
        toFullWidthLatin(core),
        words.join(''),
        `${core.toLowerCase()}, LLC`,
        `株式会社${core}`,
        `${words.join('-')} Co., Ltd.`,
        `  ${core}  Corp.`,
      ].sort(() => rand() - 0.5);
    case 'person-ja':
      return [words.join(''), words.join('\u3000'), words.join(' '), `${toHalfWidthKana(words.join(' '))}`].sort(() => rand() - 0.5);
    case 'person-latin':
      return [core.toUpperCase(), words.join(''), toFullWidthLatin(core), `${words.join('  ')}`].sort(() => rand() - 0.5);
  }
}

const DAKUTEN_PAIRS: Record<string, string> = {};
for (const [plain, voiced] of ['カガ', 'キギ', 'クグ', 'ケゲ', 'コゴ', 'サザ', 'シジ', 'スズ', 'セゼ', 'ソゾ', 'タダ', 'チヂ', 'テデ', 'トド', 'ハバ', 'ヒビ', 'フブ', 'ヘベ', 'ホボ', 'ッツ', 'ャヤ', 'ュユ', 'ョヨ', 'ィイ', 'ァア']) {
  DAKUTEN_PAIRS[plain!] = voiced!;
  DAKUTEN_PAIRS[voiced!] = plain!;
}
/** Kanji a hurried writer or an IME picks instead (old forms, look-alikes, same readings). */
const KANJI_SLIPS: Record<string, string> = {
  斉: '斎', 斎: '斉', 沢: '澤', 辺: '邊', 島: '嶋', 崎: '嵜', 浜: '濱', 高: '髙', 広: '廣', 国: '國', 桜: '櫻', 学: '學', 会: '會', 総: '總',
  建: '健', 設: '説', 企: '起', 画: '劃', 商: '章', 事: '時', 工: '功', 房: '坊', 業: '行', 産: '参', 田: '多', 中: '仲', 藤: '籐', 井: '居', 本: '元',
  京: '響', 大: '代', 日: '陽', 光: '晃', 和: '輪', 研: '県', 社: '者', 屋: '家', 堂: '道', 技: '儀', 物: '仏', 通: '痛', 電: '伝', 情: '城', 報: '法',
};

const VOWEL_SLIPS: Record<string, string> = { a: 'e', e: 'a', i: 'y', y: 'i', o: 'u', u: 'o' };

/** One slip of the keyboard or the memory; may return the text unchanged. */
function misspell(rand: Rand, text: string, script: Script): string {
  const chars = [...text];
  const at = 1 + Math.floor(rand() * Math.max(1, chars.length - 1));
  const r = rand();
  if (r < 0.2 && chars.length > 4) {
    // Partial: what the writer remembers of the start of the name.
    return chars.slice(0, Math.max(3, Math.round(chars.length * (0.55 + rand() * 0.25)))).join('');
  }
  if (r < 0.35 && chars.length > 3) {
    chars.splice(at, 1);
    return chars.join('');
  }
  if (r < 0.45 && at < chars.length - 1) {
    [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    return chars.join('');
  }
  if (script === 'latin' || script === 'person-latin') {
    const vowels = chars.map((c, i) => (VOWEL_SLIPS[c.toLowerCase()] ? i : -1)).filter((i) => i > 0);
    if (r < 0.75 && vowels.length > 0) {
      const i = pick(rand, vowels);
      chars[i] = VOWEL_SLIPS[chars[i]!.toLowerCase()]!;
      return chars.join('');
    }
    chars.splice(at, 0, chars[at] ?? 'e');
    return chars.join('');
  }
  const kana = chars.map((c, i) => (DAKUTEN_PAIRS[c] ? i : -1)).filter((i) => i >= 0);
  const kanji = chars.map((c, i) => (KANJI_SLIPS[c] ? i : -1)).filter((i) => i >= 0);
  if (r < 0.7 && kana.length > 0) {
    const i = pick(rand, kana);
    chars[i] = DAKUTEN_PAIRS[chars[i]!]!;
    return chars.join('');
  }
  if (r < 0.85 && kanji.length > 0) {
    const i = pick(rand, kanji);
    chars[i] = KANJI_SLIPS[chars[i]!]!;
    return chars.join('');
  }
  const long = chars.indexOf('ー');
  if (long > 0) chars.splice(long, 1);
  else chars.splice(at, 0, 'ー');
  return chars.join('');
}

// ---------------------------------------------------------------------------------------------
// Database lifecycle


// ---------------------------------------------------------------------------------------------
// Seeding

interface Community {
  id: number;
  sharing: 'private' | 'federated';
  showFromOthers: ShowFromOthers;
  consensusMinWriters: number;
}

interface SeedClient {
  id: number;
  key: string;
  /** The name it is stored under, for named clients. */
  name?: Name;
  normalized?: string;
  /** For profiles: what a writer pastes. */
  marketplace?: 'crowdworks' | 'lancers' | 'coconala';
  profileId?: string;
}

interface SeedAlias {
  clientId: number;
  key: string;
  name?: Name;
  normalized?: string;
  marketplace?: 'crowdworks' | 'lancers' | 'coconala';
  profileId?: string;
}

interface Seeded {
  communities: Community[];
  clients: SeedClient[];
  aliases: SeedAlias[];
  /** Every normalized name stored (clients and aliases): a fuzzy query must be none of them. */
  storedNames: Set<string>;
  brands: { kana: string[]; latin: string[] };
  activity: Map<number, { deliveries: number; flags: number }>;
  /** The communities where a client has a delivery or a flag: a lookup from there finds it. */
  knownIn: Map<number, number[]>;
}

const SHOW_CYCLE: readonly ShowFromOthers[] = ['consensus', 'all', 'consensus', 'none', 'all'];

async function seedCommunities(sql: Sql): Promise<Community[]> {
  const communities: Community[] = [];
  for (let i = 1; i <= COMMUNITIES; i++) {
    communities.push({
      id: i,
      // 12 federated, 8 private.
      sharing: i % 5 === 0 || i % 5 === 4 ? 'private' : 'federated',
      showFromOthers: SHOW_CYCLE[i % SHOW_CYCLE.length]!,
      consensusMinWriters: 2 + (i % 3),
    });
  }
  await sql`
    insert into communities (platform, platform_community_id, name, fallback_channel_id, moderator_role_id, sharing, show_from_others, consensus_min_writers, flag_daily_limit)
    select case when g % 4 = 0 then 'slack' else 'discord' end, 'bench-community-' || g, 'ライター互助会 ' || g,
           'chan-' || g, case when g % 2 = 0 then 'role-' || g end, t.sharing, t.show, t.min_writers, 3 + g % 3
    from unnest(${communities.map((c) => c.id)}::int[], ${communities.map((c) => c.sharing)}::text[], ${communities.map((c) => c.showFromOthers)}::text[],
                ${communities.map((c) => c.consensusMinWriters)}::int[]) with ordinality as t(g, sharing, show, min_writers, n)
    order by t.n`;
  const [check] = await sql<{ n: string; max: string }[]>`select count(*) as n, max(id) as max from communities`;
  if (Number(check?.n) !== COMMUNITIES || Number(check?.max) !== COMMUNITIES) throw new BenchError('communities did not get ids 1..20');
  return communities;
}

/**
 * Members, and the community each one writes in (an uneven split: the first communities are the
 * big ones). bench_homes is a helper table for the seeding statements; it is dropped afterwards.
 */
async function seedMembers(sql: Sql, rand: Rand): Promise<void> {
  const homes: number[] = [];
  for (let m = 1; m <= MEMBERS; m++) homes.push(1 + Math.floor(COMMUNITIES * Math.pow(rand(), 1.6)));
  await sql`
    insert into members (platform, platform_user_id, display_name, locale, timezone)
    select 'discord', 'bench-user-' || g, 'Writer ' || g, case when g % 4 = 0 then 'en' else 'ja' end, 'Asia/Tokyo'
    from generate_series(1, ${MEMBERS}::int) g`;
  await sql`create table bench_homes (member_id bigint primary key, community_id bigint not null)`;
  await sql`insert into bench_homes select g, h from unnest(${homes}::int[]) with ordinality as t(h, g)`;
  const [check] = await sql<{ max: string }[]>`select max(id) as max from members`;
  if (Number(check?.max) !== MEMBERS) throw new BenchError(`members did not get ids 1..${MEMBERS}`);
}

/** Named and profile clients, made in Node so names are normalized by the real function. */
async function seedClients(sql: Sql, rand: Rand, brands: { kana: string[]; latin: string[] }): Promise<{ clients: SeedClient[]; aliases: SeedAlias[]; storedNames: Set<string> }> {
  const started = performance.now();
  const storedNames = new Set<string>();
  const usedProfiles = new Set<string>();
  const newName = (): { name: Name; display: string; normalized: string } => {
    for (;;) {
      const name = makeName(rand, brands);
      const display = displayOf(rand, name);
      const normalized = normalizeClientName(display);
      if (normalized !== normalizeClientName(coreOf(name))) throw new BenchError(`"${display}" and "${coreOf(name)}" normalize differently`);
      if (normalized.length >= 2 && !storedNames.has(normalized)) {
        storedNames.add(normalized);
        return { name, display, normalized };
      }
    }
  };
  const newProfile = (): { marketplace: 'crowdworks' | 'lancers' | 'coconala'; profileId: string } => {
    for (;;) {
      const r = rand();
      const marketplace = r < 0.5 ? 'crowdworks' : r < 0.8 ? 'lancers' : 'coconala';
      const profileId =
        marketplace === 'crowdworks'
          ? String(100_000 + Math.floor(rand() * 4_900_000))
          : marketplace === 'coconala'
            ? String(10_000 + Math.floor(rand() * 3_990_000))
            : `${pick(rand, brands.latin).toLowerCase()}${chance(rand, 0.4) ? '_' : ''}${pick(rand, ['design', 'media', 'inc', 'works', 'jp', 'office', 'tokyo', 'lab', ''])}${Math.floor(rand() * 1000)}`;
      const key = `${marketplace}:${profileId}`;
      if (!usedProfiles.has(key)) {
        usedProfiles.add(key);
        return { marketplace, profileId };
      }
    }
  };
  const profileUrl = (marketplace: string, id: string) =>
    marketplace === 'crowdworks' ? `https://crowdworks.jp/public/employers/${id}` : marketplace === 'lancers' ? `https://www.lancers.jp/client/${id}` : `https://coconala.com/users/${id}`;

  const clients: SeedClient[] = [];
  const rows = { key: [] as string[], marketplace: [] as (string | null)[], profileId: [] as (string | null)[], profileUrl: [] as (string | null)[], display: [] as string[], normalized: [] as (string | null)[] };
  const flush = async () => {
    if (rows.key.length === 0) return;
    await sql`
      insert into clients (key, marketplace, profile_id, profile_url, display_name, normalized_name, created_at)
      select t.key, t.marketplace, t.profile_id, t.profile_url, t.display_name, t.normalized_name, ${NOW}::timestamptz - (t.n % 700) * interval '1 day'
      from unnest(${rows.key}::text[], ${rows.marketplace}::text[], ${rows.profileId}::text[], ${rows.profileUrl}::text[], ${rows.display}::text[], ${rows.normalized}::text[])
        with ordinality as t(key, marketplace, profile_id, profile_url, display_name, normalized_name, n)
      order by t.n`;
    for (const list of Object.values(rows)) list.length = 0;
  };
  const profileEvery = Math.round(1 / PROFILE_SHARE);
  for (let id = 1; id <= CLIENTS; id++) {
    if (id % profileEvery === 0) {
      // As PgDeliveryStore.record stores a profile: its key as the display name, no normalized name.
      const { marketplace, profileId } = newProfile();
      const key = `${marketplace}:${profileId}`;
      clients.push({ id, key, marketplace, profileId });
      rows.key.push(key);
      rows.marketplace.push(marketplace);
      rows.profileId.push(profileId);
      rows.profileUrl.push(profileUrl(marketplace, profileId));
      rows.display.push(key);
      rows.normalized.push(null);
    } else {
      const { name, display, normalized } = newName();
      const key = `name:${normalized}`;
      clients.push({ id, key, name, normalized });
      rows.key.push(key);
      rows.marketplace.push(null);
      rows.profileId.push(null);
      rows.profileUrl.push(null);
      rows.display.push(display.replace(/\s+/g, ' ').trim());
      rows.normalized.push(normalized);
    }
    if (rows.key.length === CLIENT_CHUNK) {
      await flush();
      if (id % 25_000 === 0) log(`  seeded ${fmtInt(id).padStart(9)} / ${fmtInt(CLIENTS)} clients  (${seconds(started)})`);
    }
  }
  await flush();
  const [check] = await sql<{ n: string; max: string }[]>`select count(*) as n, max(id) as max from clients`;
  if (Number(check?.n) !== CLIENTS || Number(check?.max) !== CLIENTS) throw new BenchError(`clients did not get ids 1..${CLIENTS}`);

  // Aliases, as a moderator's merge leaves them: a profile also known by a name, a name also
  // known by a profile. Spread over the clients with a stride so popular clients have some too.
  const aliases: SeedAlias[] = [];
  const profiles = clients.filter((c) => c.marketplace);
  const named = clients.filter((c) => c.name);
  for (let i = 0; i < NAME_ALIASES; i++) {
    const client = profiles[(i * 13) % profiles.length]!;
    const { name, display, normalized } = newName();
    aliases.push({ clientId: client.id, key: `name:${normalized}`, name, normalized });
    rows.key.push(`name:${normalized}`);
    rows.display.push(display.replace(/\s+/g, ' ').trim());
    rows.normalized.push(normalized);
  }
  for (let i = 0; i < PROFILE_ALIASES; i++) {
    const client = named[(i * 17) % named.length]!;
    const { marketplace, profileId } = newProfile();
    const key = `${marketplace}:${profileId}`;
    aliases.push({ clientId: client.id, key, marketplace, profileId });
    rows.key.push(key);
    rows.display.push(key);
    rows.normalized.push(null);
  }
  await sql`
    insert into client_aliases (client_id, key, display_name, normalized_name, created_at)
    select t.client_id, t.key, t.display_name, t.normalized_name, ${NOW}::timestamptz - (t.n % 300) * interval '1 day'
    from unnest(${aliases.map((a) => a.clientId)}::bigint[], ${rows.key}::text[], ${rows.display}::text[], ${rows.normalized}::text[])
      with ordinality as t(client_id, key, display_name, normalized_name, n)
    order by t.n`;
  log(`  seeded ${fmtInt(CLIENTS)} clients (${fmtInt(named.length)} named, ${fmtInt(profiles.length)} profiles) and ${fmtInt(aliases.length)} aliases  (${seconds(started)})`);
  return { clients, aliases, storedNames };
}

/** A client id drawn with the popularity skew: rank CLIENTS·r^SKEW, spread over ids. */
const skewedClient = (r: string) => `(1 + (floor(${CLIENTS} * power(${r}, ${SKEW}))::bigint * ${SPREAD}) % ${CLIENTS})`;

/**
 * Deliveries `from`..`to` (ordinals; identity ids follow them in a fresh database) over the two
 * years before NOW, and the nudges their stages sent. Recent ones are still waiting, older ones
 * mostly paid; a few ghosted or cancelled.
 */
async function seedDeliveries(sql: Sql, from: number, to: number): Promise<void> {
  await sql`
    insert into deliveries (
      writer_id, community_id, number, client_id, title, marketplace, amount_minor, currency,
      delivered_at, escrow, status, accepted_at, paid_at, cancelled_at, reminders,
      last_stage, next_nudge_at, created_at, updated_at
    )
    select
      h.member_id, h.community_id, (s.g - 1) / ${MEMBERS}::int + 1, s.client_id,
      '記事作成 ' || s.g, s.marketplace,
      case when s.g % 10 = 0 then null else 3000 + (s.g % 60) * 1500 end, 'JPY',
      s.delivered_at,
      case when s.marketplace in ('crowdworks', 'lancers', 'coconala') then (case when s.r4 < 0.92 then 'funded' else 'not_funded' end)
           when s.marketplace = 'upwork' then (case when s.r4 < 0.6 then 'funded' else 'unknown' end)
           else 'not_funded' end,
      s.status,
      case when s.status in ('accepted', 'paid') then least(${NOW}::timestamptz, s.delivered_at + s.accept_days * interval '1 day') end,
      case when s.status = 'paid' then least(${NOW}::timestamptz, s.delivered_at + (s.accept_days + 1 + s.r4 * 12) * interval '1 day') end,
      case when s.status = 'cancelled' then s.delivered_at + interval '5 days' end,
      'active',
      case when s.status = 'awaiting_review' then
             case when s.age >= 50 then 5 when s.age >= 21 then 4 when s.age >= 8 then 3 when s.age >= 7 then 2 when s.age >= 3 then 1 else 0 end
           when s.status = 'cancelled' then 1
           else case when s.accept_days >= 21 then 4 when s.accept_days >= 8 then 3 when s.accept_days >= 7 then 2 when s.accept_days >= 3 then 1 else 0 end end,
      case when s.status = 'awaiting_review' and s.age < 50 then ${NOW}::timestamptz + (1 + s.r4 * 72) * interval '1 hour' end,
      s.delivered_at, s.delivered_at
    from (
      select raw.*, c.id as client_id,
             coalesce(c.marketplace, case when raw.r3 < 0.7 then 'direct' when raw.r3 < 0.85 then 'other' else 'upwork' end) as marketplace,
             ${NOW}::timestamptz - raw.age * interval '1 day' as delivered_at,
             case when raw.age < 21 then (case when raw.r3 < 0.4 then 'awaiting_review' when raw.r3 < 0.75 then 'accepted' else 'paid' end)
                  else (case when raw.r3 < 0.03 then 'awaiting_review' when raw.r3 < 0.08 then 'accepted' when raw.r3 < 0.93 then 'paid' else 'cancelled' end) end as status,
             1 + floor(power(raw.r4, 2.5) * 30) as accept_days
      from (
        select g, r1, r2, r3, r4, power(r1, 1.7) * 730 as age
        from (select g, random() as r1, random() as r2, random() as r3, random() as r4 from generate_series(${from}::int, ${to}::int) g) rnd
      ) raw
      join clients c on c.id = ${sql.unsafe(skewedClient('raw.r2'))}
    ) s
    join bench_homes h on h.member_id = 1 + (s.g - 1) % ${MEMBERS}::int
    order by s.g`;
  await sql`
    insert into nudges (delivery_id, stage, state, idempotency_key, channel, attempts, created_at, sent_at)
    select d.id, st.stage,
           case when (st.stage = 3 and d.marketplace in ('direct', 'other')) or (st.stage = 2 and d.marketplace = 'coconala') then 'skipped'
                when d.id % 20 = 0 then 'unreachable' else 'sent' end,
           'kn' || d.id || 's' || st.stage, 'dm', 1,
           d.delivered_at + st.stage * interval '3 days', d.delivered_at + st.stage * interval '3 days'
    from deliveries d
    cross join lateral generate_series(1, d.last_stage::int) as st(stage)
    where d.id between ${from}::bigint and ${to}::bigint`;
}

/** State, review and expiry columns of a flag from its created_at and a random number `r`. */
const flagStateColumns = (created: string, r: string, reporter: string) => `
  case when ${r} < 0.08 and ${created} + ${FLAG_TTL_DAYS + 3} * interval '1 day' <= '${NOW.toISOString()}'::timestamptz then 'expired'
       when ${r} < 0.80 then 'approved' when ${r} < 0.88 then 'pending' when ${r} < 0.95 then 'rejected' when ${r} < 0.98 then 'retracted' else 'removed' end as state,
  case when ${r} < 0.80 or (${r} >= 0.88 and ${r} < 0.95) or ${r} >= 0.98 then ${created} + (${r} * 3) * interval '1 day' end as reviewed_at,
  case when ${r} < 0.80 or (${r} >= 0.88 and ${r} < 0.95) or ${r} >= 0.98 then 1 + (${reporter} * 13) % ${MEMBERS} end as reviewed_by,
  case when ${r} < 0.80 then ${created} + (${r} * 3) * interval '1 day' + ${FLAG_TTL_DAYS} * interval '1 day' end as expires_at,
  case when ${r} >= 0.95 and ${r} < 0.98 then ${created} + interval '9 days' end as retracted_at`;

/**
 * Flags filed on deliveries `from`..`to`: most ghosted or late deliveries get one (sometimes two
 * categories), promptly paid ones rarely. The category fits what happened to the delivery.
 */
async function seedLinkedFlags(sql: Sql, from: number, to: number): Promise<number> {
  const result = await sql`
    insert into flags (client_id, community_id, reporter_id, delivery_id, category, state, delivered_at, days_waited, created_at, reviewed_at, reviewed_by, expires_at, retracted_at, number)
    select f.client_id, f.community_id, f.writer_id, f.id, f.category, f.state, f.delivered_at,
           floor(extract(epoch from f.created_at - f.delivered_at) / 86400), f.created_at, f.reviewed_at, f.reviewed_by, f.expires_at, f.retracted_at,
           nextval('bench_flag_number')
    from (
      select d.*, c.category, ${sql.unsafe(flagStateColumns('d.created_at', 'd.r2', 'd.writer_id'))}
      from (
        select d.id, d.client_id, d.community_id, d.writer_id, d.delivered_at, d.status,
               least(${NOW}::timestamptz - interval '1 hour', d.delivered_at + (3 + random() * 25) * interval '1 day') as created_at,
               random() as r1, random() as r2, random() as r3
        from deliveries d
        where d.id between ${from}::bigint and ${to}::bigint
          and d.delivered_at < ${NOW}::timestamptz - interval '4 days'
      ) d
      cross join lateral generate_series(1, case when d.r3 < 0.3 then 2 else 1 end) as k(n)
      cross join lateral (
        select (case d.status
                  when 'awaiting_review' then array['no_response_after_delivery', 'unpaid', 'off_platform_request']
                  when 'accepted' then array['unpaid', 'late_acceptance', 'scope_creep']
                  when 'paid' then array['late_acceptance', 'paid_after_platform_intervention', 'scope_creep', 'abusive_communication']
                  else array['unfair_rejection', 'abusive_communication', 'off_platform_request', 'scope_creep'] end)[1 + (floor(d.r3 * 1000)::int + k.n) % 3] as category
      ) c
      where d.r1 < case d.status when 'awaiting_review' then 0.9 when 'cancelled' then 0.6 when 'accepted' then 0.5
                                 else (select case when count(*) > 0 then 0.6 else 0.08 end from nudges n where n.delivery_id = d.id and n.stage >= 3) end
    ) f
    on conflict do nothing`;
  return result.count;
}

/** Flags on no stored delivery (filed before tracking, or the delivery was deleted). */
async function seedUnlinkedFlags(sql: Sql, count: number): Promise<number> {
  const result = await sql`
    insert into flags (client_id, community_id, reporter_id, delivery_id, category, state, delivered_at, days_waited, created_at, reviewed_at, reviewed_by, expires_at, retracted_at, number)
    select f.client_id, h.community_id, f.reporter_id, null, f.category, f.state, f.created_at - f.waited * interval '1 day', f.waited,
           f.created_at, f.reviewed_at, f.reviewed_by, f.expires_at, f.retracted_at, nextval('bench_flag_number')
    from (
      select raw.*, ${sql.unsafe(flagStateColumns('raw.created_at', 'raw.r3', 'raw.reporter_id'))}
      from (
        select ${sql.unsafe(skewedClient('r1'))} as client_id, 1 + floor(r2 * ${MEMBERS})::int as reporter_id, r3,
               ${NOW}::timestamptz - power(r4, 1.5) * 730 * interval '1 day' as created_at,
               3 + floor(r5 * 40)::int as waited,
               case when r6 < 0.25 then 'no_response_after_delivery' when r6 < 0.45 then 'late_acceptance' when r6 < 0.60 then 'unpaid'
                    when r6 < 0.70 then 'paid_after_platform_intervention' when r6 < 0.80 then 'scope_creep' when r6 < 0.88 then 'off_platform_request'
                    when r6 < 0.93 then 'abusive_communication' else 'unfair_rejection' end as category
        from (select random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6 from generate_series(1, ${count}::int)) rnd
      ) raw
    ) f
    join bench_homes h on h.member_id = f.reporter_id
    on conflict do nothing`;
  return result.count;
}

async function seed(sql: Sql): Promise<Seeded> {
  const rand = seededRandom(20_250_602);
  await sql`select setseed(0.25)`;
  // Report numbers only need to be unique within a community: one sequence serves them all.
  await sql`create sequence bench_flag_number`;
  const brands = makeBrands(rand);
  const communities = await seedCommunities(sql);
  await seedMembers(sql, rand);
  log(`  seeded ${COMMUNITIES} communities (${communities.filter((c) => c.sharing === 'federated').length} federated) and ${fmtInt(MEMBERS)} members`);
  const { clients, aliases, storedNames } = await seedClients(sql, rand, brands);

  let started = performance.now();
  for (let from = 1; from <= DELIVERIES; from += DELIVERY_CHUNK) {
    const to = Math.min(DELIVERIES, from + DELIVERY_CHUNK - 1);
    await seedDeliveries(sql, from, to);
    log(`  seeded ${fmtInt(to).padStart(9)} / ${fmtInt(DELIVERIES)} deliveries and their nudges  (${seconds(started)})`);
  }
  const [deliveryCheck] = await sql<{ n: string; max: string }[]>`select count(*) as n, max(id) as max from deliveries`;
  if (Number(deliveryCheck?.n) !== DELIVERIES || Number(deliveryCheck?.max) !== DELIVERIES) throw new BenchError(`deliveries did not get ids 1..${DELIVERIES}`);
  await sql`update members m set last_delivery_number = (select coalesce(max(number), 0) from deliveries d where d.writer_id = m.id)`;

  started = performance.now();
  let flagCount = 0;
  for (let from = 1; from <= DELIVERIES; from += DELIVERY_CHUNK) {
    flagCount += await seedLinkedFlags(sql, from, Math.min(DELIVERIES, from + DELIVERY_CHUNK - 1));
  }
  const linked = flagCount;
  log(`  seeded ${fmtInt(linked).padStart(9)} flags linked to deliveries  (${seconds(started)})`);
  while (flagCount < FLAGS) {
    // One active flag per reporter, client and category: a draw that repeats one is skipped, so top up.
    flagCount += await seedUnlinkedFlags(sql, Math.min(FLAG_CHUNK, FLAGS - flagCount));
    log(`  seeded ${fmtInt(flagCount).padStart(9)} / ${fmtInt(FLAGS)} flags  (${seconds(started)})`);
  }
  await sql`drop table bench_homes`;

  started = performance.now();
  // VACUUM (ANALYZE): statistics for the planner, and hint bits and the visibility map set, so an
  // autovacuum of the fresh rows does not start in the middle of the timings.
  await sql`vacuum (analyze) clients, client_aliases, communities, members, deliveries, nudges, flags`;
  // Write out what the bulk load dirtied now, so a checkpoint does not flush it during the timings:
  // the figures are for a database in its steady state, not one finishing a bulk load.
  await sql`checkpoint`;
  log(`  vacuum (analyze) and checkpoint done (${seconds(started)})`);

  const activity = new Map<number, { deliveries: number; flags: number }>();
  for (const row of await sql<{ id: string; n: string }[]>`select client_id as id, count(*) as n from deliveries group by client_id`) {
    activity.set(Number(row.id), { deliveries: Number(row.n), flags: 0 });
  }
  for (const row of await sql<{ id: string; n: string }[]>`select client_id as id, count(*) as n from flags group by client_id`) {
    const entry = activity.get(Number(row.id)) ?? { deliveries: 0, flags: 0 };
    entry.flags = Number(row.n);
    activity.set(Number(row.id), entry);
  }
  const knownIn = new Map<number, number[]>();
  for (const row of await sql<{ id: string; communities: string[] }[]>`
    select client_id as id, array_agg(distinct community_id)::text[] as communities
    from (select client_id, community_id from deliveries union select client_id, community_id from flags) t
    group by client_id`) {
    knownIn.set(Number(row.id), row.communities.map(Number));
  }
  await describeData(sql, activity, linked);
  return { communities, clients, aliases, storedNames, brands, activity, knownIn };
}

async function describeData(sql: Sql, activity: Map<number, { deliveries: number; flags: number }>, linked: number): Promise<void> {
  const states = await sql<{ state: string; expired: boolean; n: string }[]>`
    select state, state = 'approved' and expires_at <= ${NOW}::timestamptz as expired, count(*) as n from flags group by 1, 2 order by 3 desc`;
  const total = states.reduce((s, r) => s + Number(r.n), 0);
  const label = (r: { state: string; expired: boolean }) => (r.expired ? 'approved past expiry' : r.state);
  log(`  flags: ${fmtInt(total)} — ${states.map((r) => `${label(r)} ${((100 * Number(r.n)) / total).toFixed(1)} %`).join(', ')}; ${fmtInt(linked)} linked to a delivery`);
  const [nudges] = await sql<{ n: string }[]>`select count(*) as n from nudges`;
  const statuses = await sql<{ status: string; n: string }[]>`select status, count(*) as n from deliveries group by 1 order by 2 desc`;
  log(`  deliveries: ${statuses.map((r) => `${r.status} ${fmtInt(Number(r.n))}`).join(', ')}; ${fmtInt(Number(nudges?.n ?? 0))} nudge records`);
  const byDeliveries = [...activity.entries()].sort((a, b) => b[1].deliveries - a[1].deliveries);
  const byFlags = [...activity.entries()].sort((a, b) => b[1].flags - a[1].flags);
  const withFlags = byFlags.filter(([, a]) => a.flags > 0).length;
  log(
    `  popularity: busiest clients by deliveries ${byDeliveries.slice(0, 5).map(([, a]) => fmtInt(a.deliveries)).join(', ')}; by flags ${byFlags.slice(0, 5).map(([, a]) => fmtInt(a.flags)).join(', ')}; ` +
      `${fmtInt(withFlags)} clients have flags, ${fmtInt(byDeliveries.filter(([, a]) => a.deliveries > 0).length)} have deliveries`,
  );
  const sizes = await sql<{ name: string; size: string }[]>`
    select relname as name, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class
    where relname in ('clients', 'client_aliases', 'deliveries', 'nudges', 'flags') order by pg_total_relation_size(oid) desc`;
  log(`  sizes (with indexes): ${sizes.map((r) => `${r.name} ${r.size}`).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Queries

interface Query {
  kind: Kind;
  text: string;
  /** The client the query is about (for url and exact: the one it must find). */
  clientId: number;
  viaAlias: boolean;
  /** What it was made from: the stored name without its legal form, or the profile key. */
  from: string;
  viewer: ViewerPolicy;
}

/**
 * Clients to look up: mostly in proportion to activity (a popular client is looked up more), the
 * rest uniformly, all distinct.
 */
function drawTargets<T extends { clientId: number }>(rand: Rand, pool: readonly T[], count: number, activity: Seeded['activity'], taken: Set<T>): T[] {
  const weights = pool.map((t) => {
    const a = activity.get(t.clientId);
    return a ? a.deliveries + a.flags : 0;
  });
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const drawn: T[] = [];
  let guard = 0;
  while (drawn.length < count) {
    if (++guard > count * 1_000) throw new BenchError('could not draw enough distinct query targets');
    let candidate: T;
    if (chance(rand, WEIGHTED_SHARE) && sum > 0) {
      const x = rand() * sum;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      candidate = pool[lo]!;
    } else {
      candidate = pick(rand, pool);
    }
    if (taken.has(candidate)) continue;
    taken.add(candidate);
    drawn.push(candidate);
  }
  return drawn;
}

function urlFor(rand: Rand, marketplace: 'crowdworks' | 'lancers' | 'coconala', id: string): string {
  const r = rand();
  if (r < 0.2) return `${marketplace}:${id}`;
  if (r < 0.25) return `${marketplace.toUpperCase()}:${id}`;
  switch (marketplace) {
    case 'crowdworks':
      return pick(rand, [`https://crowdworks.jp/public/employers/${id}`, `crowdworks.jp/public/employers/${id}/`, `https://crowdworks.jp/public/employers/${id}?ref=job_offer_detail`]);
    case 'lancers':
      return pick(rand, [`https://www.lancers.jp/client/${id}`, `https://www.lancers.jp/profile/${id}`, `lancers.jp/client/${id}?ref=header_menu`]);
    case 'coconala':
      return pick(rand, [`https://coconala.com/users/${id}`, `coconala.com/users/${id}/`, `https://coconala.com/users/${id}?ref=top`]);
  }
}

interface Target {
  clientId: number;
  viaAlias: boolean;
  name?: Name;
  normalized?: string;
  marketplace?: 'crowdworks' | 'lancers' | 'coconala';
  profileId?: string;
}

function buildQueries(seeded: Seeded, count: number): Record<Kind, { warmup: Query[]; measured: Query[] }> {
  const rand = seededRandom(7_070_707);
  const viewers = new Map<number, ViewerPolicy>(seeded.communities.map((c) => [c.id, { communityId: c.id, memberId: 0, showFromOthers: c.showFromOthers, consensusMinWriters: c.consensusMinWriters }]));
  // Lookups are made from a community that has dealt with the client, so that it is found whatever
  // the viewer shows of the others (a client no community in reach knows of is not found at all).
  const viewerFor = (t: Target) => viewers.get(pick(rand, seeded.knownIn.get(t.clientId)!))!;

  const asTarget = (c: SeedClient | SeedAlias, viaAlias: boolean): Target => ({ ...c, clientId: 'id' in c ? c.id : c.clientId, viaAlias });
  const known = (t: Target) => seeded.knownIn.has(t.clientId);
  const profileTargets = seeded.clients.filter((c) => c.marketplace).map((c) => asTarget(c, false)).filter(known);
  const profileAliasTargets = seeded.aliases.filter((a) => a.marketplace).map((a) => asTarget(a, true)).filter(known);
  const nameTargets = seeded.clients.filter((c) => c.name).map((c) => asTarget(c, false)).filter(known);
  const nameAliasTargets = seeded.aliases.filter((a) => a.name).map((a) => asTarget(a, true)).filter(known);

  const draw = (direct: Target[], alias: Target[], n: number, taken: Set<Target>) => {
    const viaAlias = Math.round(n * ALIAS_SHARE);
    return [...drawTargets(rand, direct, n - viaAlias, seeded.activity, taken), ...drawTargets(rand, alias, viaAlias, seeded.activity, taken)].sort(() => rand() - 0.5);
  };

  const make = (kind: Kind, n: number, taken: Set<Target>): Query[] => {
    const queries: Query[] = [];
    if (kind === 'url') {
      for (const t of draw(profileTargets, profileAliasTargets, n, taken)) {
        queries.push({ kind, text: urlFor(rand, t.marketplace!, t.profileId!), clientId: t.clientId, viaAlias: t.viaAlias, from: `${t.marketplace!}:${t.profileId!}`, viewer: viewerFor(t) });
      }
    } else if (kind === 'exact') {
      for (const t of draw(nameTargets, nameAliasTargets, n, taken)) {
        const text = retype(rand, t.name!).find((candidate) => normalizeClientName(candidate) === t.normalized && candidate.trim() !== coreOf(t.name!));
        if (!text) throw new BenchError(`no other way of typing "${coreOf(t.name!)}" normalizes to "${t.normalized!}"`);
        queries.push({ kind, text, clientId: t.clientId, viaAlias: t.viaAlias, from: coreOf(t.name!), viewer: viewerFor(t) });
      }
    } else {
      for (const t of draw(nameTargets, nameAliasTargets, n, taken)) {
        let text: string | undefined;
        for (let attempt = 0; attempt < 50 && !text; attempt++) {
          let candidate = misspell(rand, coreOf(t.name!), t.name!.script);
          if (chance(rand, 0.3)) candidate = misspell(rand, candidate, t.name!.script);
          if (chance(rand, 0.3)) candidate = t.name!.script === 'latin' ? `${candidate} Inc.` : `株式会社${candidate}`;
          const normalized = normalizeClientName(candidate);
          if (normalized.length < 2 || seeded.storedNames.has(normalized)) continue;
          try {
            if (parseClientIdentity(candidate).kind !== 'name') continue;
          } catch {
            continue;
          }
          text = candidate;
        }
        if (!text) throw new BenchError(`could not misspell "${coreOf(t.name!)}"`);
        queries.push({ kind, text, clientId: t.clientId, viaAlias: t.viaAlias, from: coreOf(t.name!), viewer: viewerFor(t) });
      }
    }
    return queries;
  };

  const out = {} as Record<Kind, { warmup: Query[]; measured: Query[] }>;
  for (const kind of KINDS) {
    const taken = new Set<Target>();
    const measured = make(kind, count, taken);
    out[kind] = { measured, warmup: make(kind, WARMUP, taken) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Sample {
  query: Query;
  ms: number;
  result: LookupResult;
}

interface FuzzyOutcomes {
  foundTarget: number;
  foundOther: number;
  candidatesWithTarget: number;
  candidatesWithout: number;
  unknown: number;
}

function checkResult(query: Query, result: LookupResult): void {
  if (query.kind === 'fuzzy') return;
  if (result.kind !== 'found' || result.client.id !== query.clientId) {
    const got = result.kind === 'found' ? `client ${result.client.id}` : result.kind;
    throw new BenchError(`${query.kind} query "${query.text}" should find client ${query.clientId}${query.viaAlias ? ' (via an alias)' : ''}, got ${got}`);
  }
  if (result.figures.deliveries < 0 || result.flags.some((f) => f.count <= 0)) throw new BenchError(`odd figures for "${query.text}"`);
}

async function run(store: WarningListStore, clock: Clock, queries: readonly Query[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const query of queries) {
    const started = performance.now();
    const result = await lookupClient({ warnings: store, clock }, query.viewer, query.text);
    const ms = performance.now() - started;
    checkResult(query, result);
    samples.push({ query, ms, result });
  }
  return samples;
}

function fuzzyOutcomes(samples: readonly Sample[]): FuzzyOutcomes {
  const o: FuzzyOutcomes = { foundTarget: 0, foundOther: 0, candidatesWithTarget: 0, candidatesWithout: 0, unknown: 0 };
  for (const { query, result } of samples) {
    if (result.kind === 'found') {
      if (result.client.id === query.clientId) o.foundTarget++;
      else o.foundOther++;
    } else if (result.kind === 'candidates') {
      if (result.candidates.some((c) => c.id === query.clientId)) o.candidatesWithTarget++;
      else o.candidatesWithout++;
    } else {
      o.unknown++;
    }
  }
  return o;
}

/** The store's methods, timed one by one (a second pass, for where the time goes). */
function timedStore(store: WarningListStore, times: Map<string, number[]>): WarningListStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          const list = times.get(key) ?? [];
          list.push(performance.now() - started);
          times.set(key, list);
        }
      };
    },
  });
}

/** Which store method a captured statement belongs to, by its shape. */
function labelStatement(text: string): string {
  if (/ % \$/.test(text)) return /from "client_aliases"/.test(text) ? 'search (aliases)' : 'search (clients)';
  if (/percentile_cont/.test(text)) return 'summarize';
  if (/from "client_aliases" inner join/.test(text)) return 'resolve (alias)';
  if (/from "clients"/.test(text)) return 'resolve';
  return text.slice(0, 40);
}

/**
 * Replays one lookup through a PgWarningListStore on a connection that records its statements,
 * then EXPLAIN ANALYZEs each one: where the time of that lookup goes.
 */
async function explainLookup(url: string, clock: Clock, query: Query): Promise<string[]> {
  const captured: { text: string; params: unknown[] }[] = [];
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, text, params) => {
      if (!/pg_catalog|^explain/i.test(text)) captured.push({ text, params: params as unknown[] });
    },
  });
  try {
    const store = new PgWarningListStore(drizzle(client, { schema }));
    await lookupClient({ warnings: store, clock }, query.viewer, query.text);
    const statements = [...captured];
    const lines: string[] = [];
    for (const statement of statements) {
      const plan = await client.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${statement.text}`, statement.params as postgres.ParameterOrJSON<never>[]);
      const planLines = plan.map((r) => r['QUERY PLAN']);
      const execution = planLines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
      const ms = Number.parseFloat(execution);
      lines.push(`${labelStatement(statement.text).padEnd(18)} ${execution}`);
      if (ms >= 2) for (const l of planLines.filter((p) => !/^(Planning|Execution) Time/.test(p))) lines.push(`      ${l}`);
    }
    return lines;
  } finally {
    await client.end({ timeout: 5 });
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface KindResult {
  kind: Kind;
  samples: Sample[];
  stats: ReturnType<typeof summarize>;
  breakdown: Map<string, number[]>;
}

const KIND_LABELS: Record<Kind, string> = {
  url: 'url / marketplace:id',
  exact: 'exact name (retyped)',
  fuzzy: 'fuzzy name (trigram)',
};

function printTable(results: readonly KindResult[]): void {
  const header = ['query kind', 'queries', 'median', 'p95', 'p99', 'max'];
  const rows = results.map((r) => [KIND_LABELS[r.kind], fmtInt(r.samples.length), fmtMs(r.stats.median), fmtMs(r.stats.p95), fmtMs(r.stats.p99), fmtMs(r.stats.max)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  log(line(header));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) log(line(row));
}

function printBreakdown(results: readonly KindResult[]): void {
  log('Where the time goes (second pass over the same queries, each store call timed):');
  for (const r of results) {
    const parts = [...r.breakdown.entries()].map(([method, times]) => {
      const s = summarize(times);
      return `${method} ×${times.length} median ${fmtMs(s.median)} p95 ${fmtMs(s.p95)} max ${fmtMs(s.max)}`;
    });
    log(`  ${r.kind.padEnd(5)}: ${parts.join('; ')}`);
  }
}

/** A client with this many deliveries + flags is "busy": the top few hundred of 100,000. */
const BUSY = 300;

function printSlowest(results: readonly KindResult[], activity: Seeded['activity']): void {
  log(`Busy clients (≥ ${BUSY} deliveries + flags) against the rest, for lookups that found a client:`);
  for (const r of results) {
    const found = r.samples.filter((s) => s.result.kind === 'found');
    const busy = found.filter((s) => {
      const a = activity.get(s.query.clientId);
      return a !== undefined && a.deliveries + a.flags >= BUSY;
    });
    const rest = found.filter((s) => !busy.includes(s));
    const describe = (list: Sample[]) => {
      if (list.length === 0) return 'none';
      const s = summarize(list.map((x) => x.ms));
      return `${list.length} queries, median ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)}`;
    };
    log(`  ${r.kind.padEnd(5)}: busy ${describe(busy)}; the rest ${describe(rest)}`);
  }
  log('Slowest queries of each kind (client activity: deliveries / flags):');
  for (const r of results) {
    const slowest = [...r.samples].sort((a, b) => b.ms - a.ms).slice(0, 3);
    const text = slowest.map((s) => {
      const a = activity.get(s.query.clientId) ?? { deliveries: 0, flags: 0 };
      const shown = s.result.kind === 'found' ? `found #${s.result.client.id}` : s.result.kind;
      return `${fmtMs(s.ms)} "${s.query.text}" → ${shown} (client #${s.query.clientId}: ${fmtInt(a.deliveries)} / ${fmtInt(a.flags)})`;
    });
    log(`  ${r.kind.padEnd(5)}: ${text.join('\n         ')}`);
  }
}

function printTargets(results: readonly KindResult[]): void {
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  log('Targets (DESIGN.md §5):');
  for (const r of results) {
    if (r.kind === 'fuzzy') {
      log(`  ${verdict(r.stats.p95 < TARGET_FUZZY_P95_MS)}  fuzzy name search < ${TARGET_FUZZY_P95_MS} ms p95: ${fmtMs(r.stats.p95)}`);
    } else {
      log(`  ${verdict(r.stats.p99 < TARGET_EXACT_P99_MS)}  ${r.kind === 'url' ? 'URL' : 'exact name'} lookup < ${TARGET_EXACT_P99_MS} ms p99: ${fmtMs(r.stats.p99)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Main


const loadLine = () => loadavg().map((l) => l.toFixed(2)).join(' ') + ` (${availableParallelism()} cpus)`;

async function main(session: BenchRun): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const queryCount = parseQueries(process.env.BENCH_QUERIES);
  const startedAt = performance.now();

  const { created, bench, sql } = await ownBenchDatabase(session, serverUrl, log);

  try {
    const host = new URL(serverUrl);
    log(`Kenshu lookup benchmark — server ${host.hostname}:${host.port || 5432}, database ${created.name}`);
    log(
      `data: ${fmtInt(CLIENTS)} clients, ${fmtInt(FLAGS)} flags, ${fmtInt(DELIVERIES)} deliveries, ${fmtInt(MEMBERS)} members, ${COMMUNITIES} communities; ` +
        `queries: ${fmtInt(queryCount)} per kind (after ${WARMUP} warm-up queries of each kind); clock fixed at ${NOW.toISOString()}`,
    );

    const [version] = await sql<{ server_version: string }[]>`show server_version`;
    const [buffers] = await sql<{ shared_buffers: string }[]>`show shared_buffers`;
    log(`PostgreSQL ${version?.server_version ?? '?'} (shared_buffers ${buffers?.shared_buffers ?? '?'}); migrations applied`);
    log('');
    log('== seeding ==');
    const seedStarted = performance.now();
    const seeded = await seed(sql);
    log(`  seeding took ${seconds(seedStarted)}`);

    const queries = buildQueries(seeded, queryCount);
    const clock: Clock = { now: () => NOW };
    const store = createStores(bench.db).warnings;

    log('');
    log('== measuring ==');
    log(`  load average ${loadLine()}`);
    const results: KindResult[] = [];
    // Every kind's warm-up first: they share statements, connections and pages, and the kind
    // measured first would otherwise pay for warming them.
    const warmups: string[] = [];
    for (const kind of KINDS) {
      const samples = await run(store, clock, queries[kind].warmup);
      const first = summarize(samples.slice(0, 100).map((s) => s.ms));
      const all = summarize(samples.map((s) => s.ms));
      warmups.push(`${kind} first 100: median ${fmtMs(first.median)}, p99 ${fmtMs(first.p99)}; all ${fmtInt(samples.length)}: median ${fmtMs(all.median)}, p99 ${fmtMs(all.p99)}`);
    }
    log(`  warm-up (url first, from a cold start; not counted below):`);
    for (const line of warmups) log(`    ${line}`);
    for (const kind of KINDS) {
      const samples = await run(store, clock, queries[kind].measured);
      const stats = summarize(samples.map((s) => s.ms));
      log(`  ${kind.padEnd(5)}: median ${fmtMs(stats.median)}, p95 ${fmtMs(stats.p95)}, p99 ${fmtMs(stats.p99)}` + (kind === 'fuzzy' ? '' : ` (every query found its client; ${samples.filter((s) => s.query.viaAlias).length} via an alias)`));
      results.push({ kind, samples, stats, breakdown: new Map() });
    }
    for (const r of results) await run(timedStore(store, r.breakdown), clock, r.samples.map((s) => s.query));
    log(`  load average ${loadLine()}`);

    const fuzzy = results.find((r) => r.kind === 'fuzzy')!;
    const outcomes = fuzzyOutcomes(fuzzy.samples);
    const examples = fuzzy.samples.slice(0, 8).map((s) => {
      const shown = s.result.kind === 'found' ? `found #${s.result.client.id}` : s.result.kind === 'candidates' ? `${s.result.candidates.length} candidates` : 'unknown';
      return `"${s.query.text}" (from ${s.query.viaAlias ? 'an alias of ' : ''}#${s.query.clientId} "${s.query.from}") → ${shown}`;
    });

    log('');
    const explains: string[] = [];
    const busyness = (s: Sample) => {
      const a = seeded.activity.get(s.query.clientId);
      return s.result.kind === 'found' && a ? a.deliveries + a.flags : 0;
    };
    for (const r of results) {
      const slowest = [...r.samples].sort((a, b) => b.ms - a.ms)[0]!;
      const busiest = [...r.samples].sort((a, b) => busyness(b) - busyness(a))[0]!;
      for (const [why, sample] of [['slowest', slowest], ['busiest client', busiest]] as const) {
        if (why === 'busiest client' && (sample === slowest || busyness(sample) === 0)) continue;
        const a = seeded.activity.get(sample.query.clientId) ?? { deliveries: 0, flags: 0 };
        explains.push(`  ${r.kind}, ${why} — "${sample.query.text}" from community ${sample.query.viewer.communityId} (${sample.query.viewer.showFromOthers}); ${fmtMs(sample.ms)} in the run; client #${sample.query.clientId}: ${fmtInt(a.deliveries)} deliveries / ${fmtInt(a.flags)} flags`);
        for (const l of await explainLookup(created.url, clock, sample.query)) explains.push(`    ${l}`);
      }
    }

    printTable(results);
    log('');
    log(
      `Fuzzy outcomes (${fmtInt(fuzzy.samples.length)} queries): found ${outcomes.foundTarget + outcomes.foundOther} (the intended client ${outcomes.foundTarget}, another ${outcomes.foundOther}); ` +
        `candidates ${outcomes.candidatesWithTarget + outcomes.candidatesWithout} (with the intended client ${outcomes.candidatesWithTarget}); unknown ${outcomes.unknown}`,
    );
    log(`  e.g. ${examples.join('\n       ')}`);
    log('');
    printBreakdown(results);
    log('');
    printSlowest(results, seeded.activity);
    log('');
    log('EXPLAIN ANALYZE of the slowest query of each kind, statement by statement (full plan where ≥ 2 ms):');
    for (const l of explains) log(l);
    log('');
    printTargets(results);
    log('');
    log(`total time ${seconds(startedAt)}`);
  } finally {
    if (!session.interrupted) await session.cleanup?.();
  }
}

runBench('bench-lookup', main, (error): error is BenchError => error instanceof BenchError);
