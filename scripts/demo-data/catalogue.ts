/**
 * The demo world: invented projects, operators, trusts, places and people. Every company, project
 * and figure here is fictional; the government departments are named only as the recipients their
 * real counterparts would be. Names in Balochi mostly repeat the Urdu spelling and need review by a
 * Balochi speaker: only the government names and a few words follow Balochi usage.
 */
import type { BeneficiaryKind, JobCategory, ProjectStatus, Province } from '../../db/schema'

export interface Names {
  en: string
  ur: string
  bal: string
}

export const DEMO_CREATED_AT = '2023-06-15T05:00:00.000Z'

export type GovernmentKey = 'fbr' | 'balochistan' | 'kp' | 'gb'

export const GOVERNMENTS: Array<{ key: GovernmentKey; slug: string; kind: 'government_federal' | 'government_provincial'; province: Province; names: Names }> = [
  {
    key: 'fbr',
    slug: 'federal-board-of-revenue',
    kind: 'government_federal',
    province: 'federal',
    names: { en: 'Federal Board of Revenue', ur: 'فیڈرل بورڈ آف ریونیو', bal: 'فیڈرل بورڈ آف ریونیو' },
  },
  {
    key: 'balochistan',
    slug: 'balochistan-mines-and-minerals-department',
    kind: 'government_provincial',
    province: 'balochistan',
    names: {
      en: 'Mines and Minerals Development Department, Government of Balochistan',
      ur: 'محکمہ معدنیات و معدنی ترقی، حکومتِ بلوچستان',
      bal: 'کان و معدنیات ءِ محکمہ، بلۆچستان ءِ حکومت',
    },
  },
  {
    key: 'kp',
    slug: 'kp-minerals-development-department',
    kind: 'government_provincial',
    province: 'khyber_pakhtunkhwa',
    names: {
      en: 'Minerals Development Department, Government of Khyber Pakhtunkhwa',
      ur: 'محکمہ معدنی ترقی، حکومتِ خیبر پختونخوا',
      bal: 'معدنیات ءِ محکمہ، خیبر پختونخوا ءِ حکومت',
    },
  },
  {
    key: 'gb',
    slug: 'gb-mines-minerals-and-gems-department',
    kind: 'government_provincial',
    province: 'gilgit_baltistan',
    names: {
      en: 'Mines, Minerals and Gems Department, Government of Gilgit-Baltistan',
      ur: 'محکمہ معدنیات و جواہرات، حکومتِ گلگت بلتستان',
      bal: 'معدنیات و جواہرات ءِ محکمہ، گلگت بلتستان ءِ حکومت',
    },
  },
]

export type ProjectKey = 'kohsar' | 'chagaiWest' | 'bela' | 'surkhKoh' | 'gharSang' | 'shahiSang' | 'tisar' | 'hoper'
export type TrustKey = 'chagai' | 'lasbela' | 'mohmand' | 'chitral' | 'shigar' | 'nagar'

export interface ProjectSpec {
  key: ProjectKey
  slug: string
  names: Names
  province: Province
  district: string
  government: GovernmentKey
  status: ProjectStatus
  licenceRef: string
  minerals: string[]
  operator: { slug: string; names: Names; registrationRef: string; code: string }
  trust: TrustKey
}

export const PROJECTS: ProjectSpec[] = [
  {
    key: 'kohsar',
    slug: 'kohsar-copper-gold',
    names: { en: 'Kohsar Copper-Gold Project', ur: 'کوہسار کاپر گولڈ منصوبہ', bal: 'کوہسار کاپر گولڈ پراجیکٹ' },
    province: 'balochistan',
    district: 'Chagai',
    government: 'balochistan',
    status: 'production',
    licenceRef: 'BAL/ML/CHG/2014/031',
    minerals: ['copper', 'gold', 'molybdenum'],
    operator: {
      slug: 'kohsar-copper-gold-company',
      names: { en: 'Kohsar Copper Gold Company (Pvt) Ltd', ur: 'کوہسار کاپر گولڈ کمپنی (پرائیویٹ) لمیٹڈ', bal: 'کوہسار کاپر گولڈ کمپنی (پرائیویٹ) لمیٹڈ' },
      registrationRef: 'CUIN 0093417',
      code: 'KCG',
    },
    trust: 'chagai',
  },
  {
    key: 'chagaiWest',
    slug: 'chagai-west-porphyry',
    names: { en: 'Chagai West Porphyry Exploration', ur: 'چاغی ویسٹ پورفری ایکسپلوریشن منصوبہ', bal: 'چاغی ویسٹ پورفری ایکسپلوریشن' },
    province: 'balochistan',
    district: 'Chagai',
    government: 'balochistan',
    status: 'exploration',
    licenceRef: 'BAL/EL/CHG/2022/007',
    minerals: ['copper', 'gold'],
    operator: {
      slug: 'zarin-exploration',
      names: { en: 'Zarin Exploration (Pvt) Ltd', ur: 'زرین ایکسپلوریشن (پرائیویٹ) لمیٹڈ', bal: 'زرین ایکسپلوریشن (پرائیویٹ) لمیٹڈ' },
      registrationRef: 'CUIN 0187254',
      code: 'ZEX',
    },
    trust: 'chagai',
  },
  {
    key: 'bela',
    slug: 'bela-chromite',
    names: { en: 'Bela Chromite Mines', ur: 'بیلہ کرومائیٹ کانیں', bal: 'بێلہ کرومائیٹ ءِ کان' },
    province: 'balochistan',
    district: 'Lasbela',
    government: 'balochistan',
    status: 'production',
    licenceRef: 'BAL/ML/LSB/2011/112',
    minerals: ['chromite'],
    operator: {
      slug: 'bela-chrome-minerals',
      names: { en: 'Bela Chrome Minerals (Pvt) Ltd', ur: 'بیلہ کروم منرلز (پرائیویٹ) لمیٹڈ', bal: 'بێلہ کروم منرلز (پرائیویٹ) لمیٹڈ' },
      registrationRef: 'CUIN 0061830',
      code: 'BCM',
    },
    trust: 'lasbela',
  },
  {
    key: 'surkhKoh',
    slug: 'surkh-koh-lead-zinc',
    names: { en: 'Surkh Koh Lead-Zinc Project', ur: 'سرخ کوہ سیسہ و جست منصوبہ', bal: 'سرخ کوہ لیڈ زنک پراجیکٹ' },
    province: 'balochistan',
    district: 'Khuzdar',
    government: 'balochistan',
    status: 'development',
    licenceRef: 'BAL/ML/KZD/2021/044',
    minerals: ['lead', 'zinc'],
    operator: {
      slug: 'jhalawan-base-metals',
      names: { en: 'Jhalawan Base Metals Ltd', ur: 'جھالاوان بیس میٹلز لمیٹڈ', bal: 'جھالاوان بیس میٹلز لمیٹڈ' },
      registrationRef: 'CUIN 0152296',
      code: 'JBM',
    },
    trust: 'lasbela',
  },
  {
    key: 'gharSang',
    slug: 'ghar-sang-marble',
    names: { en: 'Ghar Sang Marble Quarries', ur: 'غر سنگ ماربل کانیں', bal: 'غر سنگ ماربل ءِ کان' },
    province: 'khyber_pakhtunkhwa',
    district: 'Mohmand',
    government: 'kp',
    status: 'production',
    licenceRef: 'KP/ML/MMD/2017/205',
    minerals: ['marble'],
    operator: {
      slug: 'ghar-sang-marble-works',
      names: { en: 'Ghar Sang Marble Works (Pvt) Ltd', ur: 'غر سنگ ماربل ورکس (پرائیویٹ) لمیٹڈ', bal: 'غر سنگ ماربل ورکس (پرائیویٹ) لمیٹڈ' },
      registrationRef: 'CUIN 0114078',
      code: 'GSM',
    },
    trust: 'mohmand',
  },
  {
    key: 'shahiSang',
    slug: 'shahi-sang-antimony',
    names: { en: 'Shahi Sang Antimony Mine', ur: 'شاہی سنگ اینٹیمنی کان', bal: 'شاہی سنگ اینٹیمنی ءِ کان' },
    province: 'khyber_pakhtunkhwa',
    district: 'Chitral',
    government: 'kp',
    status: 'closed',
    licenceRef: 'KP/ML/CTL/2009/018',
    minerals: ['antimony'],
    operator: {
      slug: 'hindu-raj-antimony',
      names: { en: 'Hindu Raj Antimony Ltd', ur: 'ہندو راج اینٹیمنی لمیٹڈ', bal: 'ہندو راج اینٹیمنی لمیٹڈ' },
      registrationRef: 'CUIN 0048815',
      code: 'HRA',
    },
    trust: 'chitral',
  },
  {
    key: 'tisar',
    slug: 'tisar-gemstones',
    names: { en: 'Tisar Gemstone Mines', ur: 'تسر قیمتی پتھر کانیں', bal: 'تسر قیمتی سنگ ءِ کان' },
    province: 'gilgit_baltistan',
    district: 'Shigar',
    government: 'gb',
    status: 'production',
    licenceRef: 'GB/ML/SGR/2015/009',
    minerals: ['gemstones'],
    operator: {
      slug: 'tisar-valley-gems',
      names: { en: 'Tisar Valley Gems (Pvt) Ltd', ur: 'تسر ویلی جیمز (پرائیویٹ) لمیٹڈ', bal: 'تسر ویلی جیمز (پرائیویٹ) لمیٹڈ' },
      registrationRef: 'CUIN 0126659',
      code: 'TVG',
    },
    trust: 'shigar',
  },
  {
    key: 'hoper',
    slug: 'hoper-lithium-rare-earths',
    names: { en: 'Hoper Lithium and Rare Earths Exploration', ur: 'ہوپر لیتھیم و نایاب زمینی عناصر کی تلاش', bal: 'ہوپر لیتھیم و ریئر ارتھ ایکسپلوریشن' },
    province: 'gilgit_baltistan',
    district: 'Nagar',
    government: 'gb',
    status: 'exploration',
    licenceRef: 'GB/EL/NGR/2023/003',
    minerals: ['lithium', 'rare_earths'],
    operator: {
      slug: 'rakaposhi-lithium-exploration',
      names: { en: 'Rakaposhi Lithium Exploration Ltd', ur: 'راکاپوشی لیتھیم ایکسپلوریشن لمیٹڈ', bal: 'راکاپوشی لیتھیم ایکسپلوریشن لمیٹڈ' },
      registrationRef: 'CUIN 0203371',
      code: 'RLE',
    },
    trust: 'nagar',
  },
]

export interface TrustSpec {
  key: TrustKey
  slug: string
  /** Prefix of the trust's payment vouchers. */
  code: string
  names: Names
  province: Province
  district: string
  registrationRef: string
  /** Districts whose localities the trust serves. */
  districts: string[]
  contractors: Array<{ slug: string; names: Names }>
  scholarship: { slug: string; names: Names }
}

export const TRUSTS: TrustSpec[] = [
  {
    key: 'chagai',
    slug: 'chagai-community-development-trust',
    code: 'CCDT',
    names: { en: 'Chagai Community Development Trust', ur: 'چاغی کمیونٹی ڈیولپمنٹ ٹرسٹ', bal: 'چاغی کمیونٹی ڈیولپمنٹ ٹرسٹ' },
    province: 'balochistan',
    district: 'Chagai',
    registrationRef: 'BTR/CHG/2016/0142',
    districts: ['Chagai'],
    contractors: [
      { slug: 'dalbandin-builders', names: { en: 'Dalbandin Builders and Engineers', ur: 'دالبندین بلڈرز اینڈ انجینئرز', bal: 'دالبندین بلڈرز اینڈ انجینئرز' } },
      { slug: 'rasko-solar-services', names: { en: 'Rasko Solar Services', ur: 'راسکو سولر سروسز', bal: 'راسکو سولر سروسز' } },
    ],
    scholarship: { slug: 'chagai-scholars-programme', names: { en: 'Chagai Scholars Programme', ur: 'چاغی اسکالرز پروگرام', bal: 'چاغی سکالرز پروگرام' } },
  },
  {
    key: 'lasbela',
    slug: 'lasbela-khuzdar-community-trust',
    code: 'LKCT',
    names: { en: 'Lasbela–Khuzdar Community Trust', ur: 'لسبیلہ خضدار کمیونٹی ٹرسٹ', bal: 'لسبێلہ خضدار کمیونٹی ٹرسٹ' },
    province: 'balochistan',
    district: 'Lasbela',
    registrationRef: 'BTR/LSB/2018/0077',
    districts: ['Lasbela', 'Hub', 'Khuzdar'],
    contractors: [
      { slug: 'porali-construction', names: { en: 'Porali Construction Company', ur: 'پورالی کنسٹرکشن کمپنی', bal: 'پورالی کنسٹرکشن کمپنی' } },
      { slug: 'wadh-water-works', names: { en: 'Wadh Water Works', ur: 'وڈھ واٹر ورکس', bal: 'وڈھ واٹر ورکس' } },
    ],
    scholarship: { slug: 'lasbela-khuzdar-scholarships', names: { en: 'Lasbela–Khuzdar Scholarship Programme', ur: 'لسبیلہ خضدار وظائف پروگرام', bal: 'لسبێلہ خضدار سکالرشپ پروگرام' } },
  },
  {
    key: 'mohmand',
    slug: 'mohmand-community-welfare-trust',
    code: 'MCWT',
    names: { en: 'Mohmand Community Welfare Trust', ur: 'مہمند کمیونٹی ویلفیئر ٹرسٹ', bal: 'مہمند کمیونٹی ویلفیئر ٹرسٹ' },
    province: 'khyber_pakhtunkhwa',
    district: 'Mohmand',
    registrationRef: 'KPTR/MMD/2019/0311',
    districts: ['Mohmand'],
    contractors: [{ slug: 'ghalanai-engineering', names: { en: 'Ghalanai Engineering Services', ur: 'غلنئی انجینئرنگ سروسز', bal: 'غلنئی انجینئرنگ سروسز' } }],
    scholarship: { slug: 'mohmand-scholarships', names: { en: 'Mohmand Students Scholarship Fund', ur: 'مہمند طلبہ وظیفہ فنڈ', bal: 'مہمند سکالرشپ فنڈ' } },
  },
  {
    key: 'chitral',
    slug: 'chitral-mountain-communities-trust',
    code: 'CMCT',
    names: { en: 'Chitral Mountain Communities Trust', ur: 'چترال ماؤنٹین کمیونٹیز ٹرسٹ', bal: 'چترال ماؤنٹین کمیونٹیز ٹرسٹ' },
    province: 'khyber_pakhtunkhwa',
    district: 'Chitral',
    registrationRef: 'KPTR/CTL/2012/0058',
    districts: ['Chitral'],
    contractors: [{ slug: 'lotkoh-builders', names: { en: 'Lotkoh Builders', ur: 'لوٹکوہ بلڈرز', bal: 'لوٹکوہ بلڈرز' } }],
    scholarship: { slug: 'chitral-scholarships', names: { en: 'Chitral Girls Education Scholarships', ur: 'چترال طالبات تعلیمی وظائف', bal: 'چترال جنکانی سکالرشپ' } },
  },
  {
    key: 'shigar',
    slug: 'shigar-valley-community-trust',
    code: 'SVCT',
    names: { en: 'Shigar Valley Community Trust', ur: 'شگر ویلی کمیونٹی ٹرسٹ', bal: 'شگر ویلی کمیونٹی ٹرسٹ' },
    province: 'gilgit_baltistan',
    district: 'Shigar',
    registrationRef: 'GBTR/SGR/2017/0024',
    districts: ['Shigar'],
    contractors: [{ slug: 'braldu-construction', names: { en: 'Braldu Construction', ur: 'برالدو کنسٹرکشن', bal: 'برالدو کنسٹرکشن' } }],
    scholarship: { slug: 'shigar-scholarships', names: { en: 'Shigar Scholarship Programme', ur: 'شگر وظائف پروگرام', bal: 'شگر سکالرشپ پروگرام' } },
  },
  {
    key: 'nagar',
    slug: 'nagar-community-development-trust',
    code: 'NCDT',
    names: { en: 'Nagar Community Development Trust', ur: 'نگر کمیونٹی ڈیولپمنٹ ٹرسٹ', bal: 'نگر کمیونٹی ڈیولپمنٹ ٹرسٹ' },
    province: 'gilgit_baltistan',
    district: 'Nagar',
    registrationRef: 'GBTR/NGR/2023/0009',
    districts: ['Nagar'],
    contractors: [{ slug: 'hoper-valley-builders', names: { en: 'Hoper Valley Builders', ur: 'ہوپر ویلی بلڈرز', bal: 'ہوپر ویلی بلڈرز' } }],
    scholarship: { slug: 'nagar-scholarships', names: { en: 'Nagar Scholarship Programme', ur: 'نگر وظائف پروگرام', bal: 'نگر سکالرشپ پروگرام' } },
  },
]

/** A place: tehsil → union council → villages. Villages get a village organisation, and some a school or clinic. */
export interface Village {
  key: string
  names: Names
  school?: 'girls_primary' | 'boys_middle' | 'high'
  clinic?: 'bhu' | 'rhc'
}

export interface PlaceTree {
  district: string
  province: Province
  tehsils: Array<{ key: string; names: Names; unionCouncils: Array<{ key: string; names: Names; villages: Village[] }> }>
}

const n = (en: string, ur: string, bal = ur): Names => ({ en, ur, bal })

export const PLACES: PlaceTree[] = [
  {
    district: 'Chagai',
    province: 'balochistan',
    tehsils: [
      {
        key: 'dalbandin',
        names: n('Dalbandin', 'دالبندین'),
        unionCouncils: [
          { key: 'uc-dalbandin', names: n('Dalbandin', 'دالبندین'), villages: [{ key: 'dalbandin', names: n('Dalbandin', 'دالبندین'), school: 'high', clinic: 'rhc' }, { key: 'padag', names: n('Padag', 'پدگ'), school: 'girls_primary' }] },
          { key: 'uc-chilgazi', names: n('Chilgazi', 'چلغازی'), villages: [{ key: 'chilgazi', names: n('Chilgazi', 'چلغازی'), school: 'boys_middle', clinic: 'bhu' }, { key: 'yakmach', names: n('Yakmach', 'یکمچ'), school: 'girls_primary', clinic: 'bhu' }] },
        ],
      },
      {
        key: 'nokkundi',
        names: n('Nokkundi', 'نوکنڈی', 'نۆکنڈی'),
        unionCouncils: [
          { key: 'uc-nokkundi', names: n('Nokkundi', 'نوکنڈی', 'نۆکنڈی'), villages: [{ key: 'nokkundi', names: n('Nokkundi', 'نوکنڈی', 'نۆکنڈی'), school: 'high', clinic: 'rhc' }, { key: 'humai', names: n('Humai', 'ہمائی'), school: 'girls_primary' }] },
          { key: 'uc-taftan', names: n('Taftan', 'تفتان'), villages: [{ key: 'taftan', names: n('Taftan', 'تفتان'), school: 'boys_middle', clinic: 'bhu' }] },
        ],
      },
    ],
  },
  {
    district: 'Lasbela',
    province: 'balochistan',
    tehsils: [
      {
        key: 'bela',
        names: n('Bela', 'بیلہ', 'بێلہ'),
        unionCouncils: [
          { key: 'uc-bela', names: n('Bela', 'بیلہ', 'بێلہ'), villages: [{ key: 'bela', names: n('Bela', 'بیلہ', 'بێلہ'), school: 'high', clinic: 'rhc' }, { key: 'kanraj', names: n('Kanraj', 'کنراج'), school: 'girls_primary', clinic: 'bhu' }] },
          { key: 'uc-welpat', names: n('Welpat', 'ویلپٹ'), villages: [{ key: 'welpat', names: n('Welpat', 'ویلپٹ'), school: 'boys_middle' }] },
        ],
      },
      {
        key: 'uthal',
        names: n('Uthal', 'اوتھل'),
        unionCouncils: [{ key: 'uc-uthal', names: n('Uthal', 'اوتھل'), villages: [{ key: 'uthal', names: n('Uthal', 'اوتھل'), school: 'high', clinic: 'bhu' }, { key: 'lakhra', names: n('Lakhra', 'لاکھڑا'), school: 'girls_primary' }] }],
      },
    ],
  },
  {
    district: 'Hub',
    province: 'balochistan',
    tehsils: [
      {
        key: 'dureji',
        names: n('Dureji', 'دریجی'),
        unionCouncils: [{ key: 'uc-dureji', names: n('Dureji', 'دریجی'), villages: [{ key: 'dureji', names: n('Dureji', 'دریجی'), school: 'boys_middle', clinic: 'bhu' }, { key: 'shah-noorani', names: n('Shah Noorani', 'شاہ نورانی'), school: 'girls_primary' }] }],
      },
    ],
  },
  {
    district: 'Khuzdar',
    province: 'balochistan',
    tehsils: [
      {
        key: 'wadh',
        names: n('Wadh', 'وڈھ'),
        unionCouncils: [
          { key: 'uc-wadh', names: n('Wadh', 'وڈھ'), villages: [{ key: 'wadh', names: n('Wadh', 'وڈھ'), school: 'high', clinic: 'rhc' }, { key: 'baghbana', names: n('Baghbana', 'باغبانہ'), school: 'girls_primary', clinic: 'bhu' }] },
          { key: 'uc-surkh-koh', names: n('Surkh Koh', 'سرخ کوہ'), villages: [{ key: 'surkh-koh', names: n('Surkh Koh', 'سرخ کوہ'), school: 'girls_primary' }, { key: 'karkh', names: n('Karkh', 'کرخ'), school: 'boys_middle' }] },
        ],
      },
    ],
  },
  {
    district: 'Mohmand',
    province: 'khyber_pakhtunkhwa',
    tehsils: [
      {
        key: 'safi',
        names: n('Safi', 'صافی'),
        unionCouncils: [
          { key: 'uc-ghalanai', names: n('Ghalanai', 'غلنئی'), villages: [{ key: 'ghalanai', names: n('Ghalanai', 'غلنئی'), school: 'high', clinic: 'rhc' }, { key: 'mamad-gat', names: n('Mamad Gat', 'مامد گٹ'), school: 'girls_primary' }] },
          { key: 'uc-lakaro', names: n('Lakaro', 'لکڑو'), villages: [{ key: 'lakaro', names: n('Lakaro', 'لکڑو'), school: 'boys_middle', clinic: 'bhu' }] },
        ],
      },
      {
        key: 'halimzai',
        names: n('Halimzai', 'حلیم زئی'),
        unionCouncils: [{ key: 'uc-halimzai', names: n('Halimzai', 'حلیم زئی'), villages: [{ key: 'ekka-ghund', names: n('Ekka Ghund', 'یکہ غنڈ'), school: 'girls_primary', clinic: 'bhu' }] }],
      },
    ],
  },
  {
    district: 'Chitral',
    province: 'khyber_pakhtunkhwa',
    tehsils: [
      {
        key: 'chitral',
        names: n('Chitral', 'چترال'),
        unionCouncils: [
          { key: 'uc-garam-chashma', names: n('Garam Chashma', 'گرم چشمہ'), villages: [{ key: 'garam-chashma', names: n('Garam Chashma', 'گرم چشمہ'), school: 'high', clinic: 'rhc' }, { key: 'shoghor', names: n('Shoghor', 'شوغور'), school: 'girls_primary' }] },
          { key: 'uc-ayun', names: n('Ayun', 'ایون'), villages: [{ key: 'ayun', names: n('Ayun', 'ایون'), school: 'boys_middle', clinic: 'bhu' }, { key: 'bumburet', names: n('Bumburet', 'بمبوریت'), school: 'girls_primary' }] },
        ],
      },
      {
        key: 'drosh',
        names: n('Drosh', 'دروش'),
        unionCouncils: [{ key: 'uc-drosh', names: n('Drosh', 'دروش'), villages: [{ key: 'drosh', names: n('Drosh', 'دروش'), school: 'high', clinic: 'bhu' }] }],
      },
    ],
  },
  {
    district: 'Shigar',
    province: 'gilgit_baltistan',
    tehsils: [
      {
        key: 'shigar',
        names: n('Shigar', 'شگر'),
        unionCouncils: [
          { key: 'uc-tisar', names: n('Tisar', 'تسر'), villages: [{ key: 'tisar', names: n('Tisar', 'تسر'), school: 'high', clinic: 'bhu' }, { key: 'hashupi', names: n('Hashupi', 'ہاشوپی'), school: 'girls_primary' }] },
          { key: 'uc-braldu', names: n('Braldu', 'برالدو'), villages: [{ key: 'askole', names: n('Askole', 'اسکولے'), school: 'boys_middle', clinic: 'bhu' }, { key: 'chutron', names: n('Chutron', 'چھوترون'), school: 'girls_primary' }] },
        ],
      },
    ],
  },
  {
    district: 'Nagar',
    province: 'gilgit_baltistan',
    tehsils: [
      {
        key: 'nagar',
        names: n('Nagar', 'نگر'),
        unionCouncils: [
          { key: 'uc-hoper', names: n('Hoper', 'ہوپر'), villages: [{ key: 'hoper', names: n('Hoper', 'ہوپر'), school: 'boys_middle', clinic: 'bhu' }, { key: 'nagar-khas', names: n('Nagar Khas', 'نگر خاص'), school: 'high', clinic: 'rhc' }] },
          { key: 'uc-sumayar', names: n('Sumayar', 'سمایر'), villages: [{ key: 'sumayar', names: n('Sumayar', 'سمایر'), school: 'girls_primary' }] },
        ],
      },
      {
        key: 'chalt',
        names: n('Chalt', 'چھلت'),
        unionCouncils: [{ key: 'uc-chalt', names: n('Chalt', 'چھلت'), villages: [{ key: 'chalt', names: n('Chalt', 'چھلت'), school: 'girls_primary', clinic: 'bhu' }] }],
      },
    ],
  },
]

/** Beneficiary names built from a village's names. */
export const BENEFICIARY_NAMES: Record<'vo' | 'girls_primary' | 'boys_middle' | 'high' | 'bhu' | 'rhc', { kind: BeneficiaryKind; name: (v: Names) => Names }> = {
  vo: { kind: 'village_organisation', name: (v) => n(`${v.en} Village Organisation`, `ویلج آرگنائزیشن ${v.ur}`, `ویلج آرگنائزیشن ${v.bal}`) },
  girls_primary: { kind: 'school', name: (v) => n(`Government Girls Primary School ${v.en}`, `گورنمنٹ گرلز پرائمری اسکول ${v.ur}`, `گورنمنٹ گرلز پرائمری سکول ${v.bal}`) },
  boys_middle: { kind: 'school', name: (v) => n(`Government Boys Middle School ${v.en}`, `گورنمنٹ بوائز مڈل اسکول ${v.ur}`, `گورنمنٹ بوائز مڈل سکول ${v.bal}`) },
  high: { kind: 'school', name: (v) => n(`Government High School ${v.en}`, `گورنمنٹ ہائی اسکول ${v.ur}`, `گورنمنٹ ہائی سکول ${v.bal}`) },
  bhu: { kind: 'clinic', name: (v) => n(`Basic Health Unit ${v.en}`, `بنیادی مرکزِ صحت ${v.ur}`, `بنیادی مرکزِ صحت ${v.bal}`) },
  rhc: { kind: 'clinic', name: (v) => n(`Rural Health Centre ${v.en}`, `دیہی مرکزِ صحت ${v.ur}`, `دیہی مرکزِ صحت ${v.bal}`) },
}

export interface UserSpec {
  email: string
  name: string
  role: 'admin' | 'auditor' | 'officer'
  lang: 'en' | 'ur' | 'bal'
  trusts: TrustKey[]
}

/** Every trust has at least two officers, so four-eyes approval is always possible. */
export const USERS: UserSpec[] = [
  { email: 'admin@demo.hisaab.pk', name: 'Demo Admin', role: 'admin', lang: 'en', trusts: [] },
  { email: 'auditor@demo.hisaab.pk', name: 'Demo Auditor', role: 'auditor', lang: 'ur', trusts: [] },
  { email: 'officer.chagai.1@demo.hisaab.pk', name: 'Naseer Ahmed (demo)', role: 'officer', lang: 'bal', trusts: ['chagai'] },
  { email: 'officer.chagai.2@demo.hisaab.pk', name: 'Saira Baloch (demo)', role: 'officer', lang: 'ur', trusts: ['chagai'] },
  { email: 'officer.lasbela.1@demo.hisaab.pk', name: 'Ghulam Rasool (demo)', role: 'officer', lang: 'ur', trusts: ['lasbela'] },
  { email: 'officer.lasbela.2@demo.hisaab.pk', name: 'Mahnaz Rind (demo)', role: 'officer', lang: 'bal', trusts: ['lasbela'] },
  { email: 'officer.mohmand.1@demo.hisaab.pk', name: 'Farman Ali (demo)', role: 'officer', lang: 'ur', trusts: ['mohmand'] },
  { email: 'officer.chitral.1@demo.hisaab.pk', name: 'Rehmat Wali (demo)', role: 'officer', lang: 'en', trusts: ['chitral'] },
  { email: 'officer.kp.1@demo.hisaab.pk', name: 'Shazia Khan (demo)', role: 'officer', lang: 'en', trusts: ['mohmand', 'chitral'] },
  { email: 'officer.gb.1@demo.hisaab.pk', name: 'Sher Baz (demo)', role: 'officer', lang: 'en', trusts: ['shigar', 'nagar'] },
  { email: 'officer.gb.2@demo.hisaab.pk', name: 'Rozina Begum (demo)', role: 'officer', lang: 'ur', trusts: ['shigar', 'nagar'] },
]

export interface SharingRuleSpec {
  project: ProjectKey
  trust: TrustKey
  basisPoints: number
  validFrom: string
  validTo: string | null
  notes: string
}

/** The share of each project's royalties (GFS 1415E1) the province should pass to the trust. */
export const SHARING_RULES: SharingRuleSpec[] = [
  { project: 'kohsar', trust: 'chagai', basisPoints: 800, validFrom: '2016-07-01', validTo: '2024-06-30', notes: 'Community share under the original mining lease.' },
  { project: 'kohsar', trust: 'chagai', basisPoints: 1000, validFrom: '2024-07-01', validTo: null, notes: 'Raised to 10% by the revised community agreement of 2024.' },
  { project: 'chagaiWest', trust: 'chagai', basisPoints: 1000, validFrom: '2022-07-01', validTo: null, notes: 'Applies once the licence produces.' },
  { project: 'bela', trust: 'lasbela', basisPoints: 750, validFrom: '2018-07-01', validTo: null, notes: 'Provincial notification on district shares of royalty.' },
  { project: 'surkhKoh', trust: 'lasbela', basisPoints: 750, validFrom: '2021-07-01', validTo: null, notes: 'Applies once the licence produces.' },
  { project: 'gharSang', trust: 'mohmand', basisPoints: 500, validFrom: '2019-07-01', validTo: null, notes: 'Community share under the merged districts policy.' },
  { project: 'shahiSang', trust: 'chitral', basisPoints: 1500, validFrom: '2012-07-01', validTo: null, notes: 'Community share under the lease; the mine closed in March 2024.' },
  { project: 'tisar', trust: 'shigar', basisPoints: 1200, validFrom: '2017-07-01', validTo: null, notes: 'Share agreed with the valley jirga.' },
  { project: 'hoper', trust: 'nagar', basisPoints: 1000, validFrom: '2023-07-01', validTo: null, notes: 'Applies once the licence produces.' },
]

export interface QuotaSpec {
  category: JobCategory
  minLocalBp: number
  minWomenBp?: number
}

export interface EmploymentSpec {
  project: ProjectKey
  scope: { kind: 'district'; districts: string[] } | { kind: 'province' }
  quotas: QuotaSpec[]
  /** Headcount at the start of the eight quarters, and at their end (grown or shrunk in between). */
  headcount: Record<JobCategory, [start: number, end: number]>
  /** Typical local share (basis points) the project achieves, per category. */
  localBp: Record<JobCategory, number>
  /** Typical women's share (basis points), per category. */
  womenBp: Record<JobCategory, number>
  /** Last quarter reported (inclusive), for a project that stopped. */
  lastPeriodEnd?: string
}

export const EMPLOYMENT: EmploymentSpec[] = [
  {
    project: 'kohsar',
    scope: { kind: 'district', districts: ['Chagai'] },
    quotas: [
      { category: 'unskilled', minLocalBp: 8000 },
      { category: 'semi_skilled', minLocalBp: 7000, minWomenBp: 500 },
      { category: 'skilled', minLocalBp: 5000 },
      { category: 'professional', minLocalBp: 3000, minWomenBp: 1000 },
      { category: 'management', minLocalBp: 2000 },
    ],
    headcount: { unskilled: [1480, 1640], semi_skilled: [610, 720], skilled: [410, 470], professional: [140, 165], management: [38, 42] },
    localBp: { unskilled: 8350, semi_skilled: 7400, skilled: 5300, professional: 2600, management: 1300 },
    womenBp: { unskilled: 200, semi_skilled: 620, skilled: 250, professional: 1150, management: 500 },
  },
  {
    project: 'chagaiWest',
    scope: { kind: 'district', districts: ['Chagai'] },
    quotas: [
      { category: 'unskilled', minLocalBp: 8000 },
      { category: 'semi_skilled', minLocalBp: 7000 },
      { category: 'skilled', minLocalBp: 5000 },
      { category: 'professional', minLocalBp: 2500 },
      { category: 'management', minLocalBp: 2000 },
    ],
    headcount: { unskilled: [48, 66], semi_skilled: [18, 26], skilled: [9, 13], professional: [6, 9], management: [0, 0] },
    localBp: { unskilled: 9200, semi_skilled: 7800, skilled: 4500, professional: 1500, management: 0 },
    womenBp: { unskilled: 0, semi_skilled: 0, skilled: 0, professional: 1200, management: 0 },
  },
  {
    project: 'bela',
    scope: { kind: 'district', districts: ['Lasbela', 'Hub'] },
    quotas: [
      { category: 'unskilled', minLocalBp: 8000 },
      { category: 'semi_skilled', minLocalBp: 7000 },
      { category: 'skilled', minLocalBp: 5000 },
      { category: 'professional', minLocalBp: 2500 },
      { category: 'management', minLocalBp: 2000 },
    ],
    headcount: { unskilled: [380, 420], semi_skilled: [120, 135], skilled: [38, 40], professional: [14, 16], management: [6, 6] },
    localBp: { unskilled: 8900, semi_skilled: 7600, skilled: 5200, professional: 3100, management: 1700 },
    womenBp: { unskilled: 100, semi_skilled: 150, skilled: 0, professional: 700, management: 0 },
  },
  {
    project: 'surkhKoh',
    scope: { kind: 'district', districts: ['Khuzdar'] },
    quotas: [
      { category: 'unskilled', minLocalBp: 8000 },
      { category: 'semi_skilled', minLocalBp: 6000 },
      { category: 'skilled', minLocalBp: 4000 },
      { category: 'professional', minLocalBp: 2000 },
      { category: 'management', minLocalBp: 2000 },
    ],
    headcount: { unskilled: [140, 520], semi_skilled: [40, 180], skilled: [25, 95], professional: [12, 30], management: [5, 9] },
    localBp: { unskilled: 7700, semi_skilled: 6300, skilled: 3600, professional: 2200, management: 1100 },
    womenBp: { unskilled: 0, semi_skilled: 100, skilled: 200, professional: 900, management: 0 },
  },
  {
    project: 'gharSang',
    scope: { kind: 'province' },
    quotas: [
      { category: 'unskilled', minLocalBp: 9000 },
      { category: 'semi_skilled', minLocalBp: 8000 },
      { category: 'skilled', minLocalBp: 6000 },
      { category: 'professional', minLocalBp: 5000 },
      { category: 'management', minLocalBp: 5000 },
    ],
    headcount: { unskilled: [310, 290], semi_skilled: [95, 100], skilled: [42, 44], professional: [8, 9], management: [4, 4] },
    localBp: { unskilled: 9800, semi_skilled: 9500, skilled: 8600, professional: 7500, management: 7500 },
    womenBp: { unskilled: 0, semi_skilled: 0, skilled: 0, professional: 1200, management: 0 },
  },
  {
    project: 'shahiSang',
    scope: { kind: 'district', districts: ['Chitral'] },
    quotas: [
      { category: 'unskilled', minLocalBp: 8000 },
      { category: 'semi_skilled', minLocalBp: 7000 },
      { category: 'skilled', minLocalBp: 5000 },
      { category: 'professional', minLocalBp: 3000 },
      { category: 'management', minLocalBp: 2000 },
    ],
    headcount: { unskilled: [90, 40], semi_skilled: [30, 14], skilled: [14, 8], professional: [5, 3], management: [3, 2] },
    localBp: { unskilled: 9600, semi_skilled: 9000, skilled: 7200, professional: 4000, management: 5000 },
    womenBp: { unskilled: 0, semi_skilled: 0, skilled: 0, professional: 0, management: 0 },
    lastPeriodEnd: '2024-03-31',
  },
  {
    project: 'tisar',
    scope: { kind: 'district', districts: ['Shigar'] },
    quotas: [
      { category: 'unskilled', minLocalBp: 9000 },
      { category: 'semi_skilled', minLocalBp: 8000, minWomenBp: 2000 },
      { category: 'skilled', minLocalBp: 6000, minWomenBp: 1500 },
      { category: 'professional', minLocalBp: 3000 },
      { category: 'management', minLocalBp: 3000 },
    ],
    headcount: { unskilled: [120, 135], semi_skilled: [34, 36], skilled: [22, 26], professional: [6, 7], management: [3, 3] },
    localBp: { unskilled: 9700, semi_skilled: 8800, skilled: 6500, professional: 3400, management: 3400 },
    womenBp: { unskilled: 500, semi_skilled: 2100, skilled: 1300, professional: 1600, management: 0 },
  },
  {
    project: 'hoper',
    scope: { kind: 'province' },
    quotas: [
      { category: 'unskilled', minLocalBp: 9000 },
      { category: 'semi_skilled', minLocalBp: 7500 },
      { category: 'skilled', minLocalBp: 5000 },
      { category: 'professional', minLocalBp: 3000 },
      { category: 'management', minLocalBp: 2500 },
    ],
    headcount: { unskilled: [22, 44], semi_skilled: [6, 14], skilled: [5, 12], professional: [4, 7], management: [1, 2] },
    localBp: { unskilled: 9500, semi_skilled: 8000, skilled: 3000, professional: 2000, management: 0 },
    womenBp: { unskilled: 0, semi_skilled: 0, skilled: 0, professional: 2500, management: 0 },
  },
]
