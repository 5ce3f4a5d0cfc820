// All user-interface strings of the page, Dutch first. The engine supplies its own bilingual texts
// (reasons, pathways, why lines, area labels); this dictionary holds everything else.

const nl = {
  docTitle: 'Welzijn op Recept — verwijzen en sociale kaart',
  skip: 'Naar de inhoud',
  brand: 'Welzijn op Recept',
  tagline: 'Triage en sociale kaart · alles blijft in deze browser',
  langButton: 'English',
  langButtonLang: 'en',
  viewsNav: 'Weergave',
  tabGp: 'Huisarts',
  tabSw: 'Sociaal werker',

  mapLoading: 'Sociale kaart wordt geladen…',
  mapLabel: 'Sociale kaart',
  mapVersion: 'versie {v}',
  mapChecking: 'wordt gecontroleerd',
  mapConfirmed: 'geladen',
  mapMismatch: 'Let op: de geladen kaart {region} wijkt af van de lijst (hash {hash}).',
  mapFailed: 'De sociale kaart of de rekenkern kon niet worden geladen: {msg}',
  demoBadge: 'DEMO-DATA',
  demoTitle: 'Fictieve aanbieders en contactgegevens, alleen voor test en demonstratie',

  gpTitle: 'Verwijzen vanuit de huisartsenpraktijk',
  gpIntro: 'Vul in wat u weet. Het advies verschijnt direct en verandert mee terwijl u typt. Er wordt niets verstuurd of bewaard.',
  swTitle: 'Een passende activiteit zoeken',
  swIntro: 'Vul de verwijzing en de wensen van de inwoner in. Bij elke wijziging wordt de lijst meteen opnieuw gerangschikt.',

  formReferral: 'Verwijzing',
  fsResident: 'Inwoner',
  age: 'Leeftijd (jaren)',
  ageHint: 'In jaren',
  consent: 'De inwoner geeft toestemming voor de verwijzing en het delen van contactgegevens',
  municipality: 'Gemeente',
  municipalityNone: 'Kies een gemeente',
  postcode: 'Postcode',
  postcodeHint: 'Bijvoorbeeld 2315 of 2315 AB. Gemeente of postcode is genoeg.',
  fsAreas: 'Ondersteuningsgebieden',
  areasHint: 'Vink aan wat speelt en kies de ernst. Gebieden worden ook herkend in de notitie.',
  severity: 'Ernst',
  sev1: 'licht',
  sev2: 'matig',
  sev3: 'ernstig',
  note: 'Notitie',
  noteHint: 'Wat speelt er? Vrije tekst. Geen naam, adres of BSN.',
  fsDkl: '4DKL-scores (optioneel)',
  dklHint: 'Somscores van de Vierdimensionale Klachtenlijst.',
  dkl_distress: 'Distress',
  dkl_depression: 'Depressie',
  dkl_anxiety: 'Angst',
  dkl_somatization: 'Somatisatie',
  dklRange_distress: '0–32 · verhoogd vanaf 11',
  dklRange_depression: '0–12 · verhoogd vanaf 3',
  dklRange_anxiety: '0–24 · verhoogd vanaf 4',
  dklRange_somatization: '0–32 · verhoogd vanaf 11',
  fsFlags: 'Risicosignalen',
  flag_suicidal_ideation: 'Suïcidale gedachten met plan of intentie',
  flag_psychosis_suspected: 'Vermoeden van psychose',
  flag_acute_danger: 'Acuut gevaar',
  flag_mental_disorder_suspected: 'Vermoeden van een psychische stoornis',
  fsPh: 'Positieve Gezondheid (optioneel)',
  phHint: 'Score van de inwoner, 0 tot en met 10.',
  ph_lichaamsfuncties: 'Lichaamsfuncties',
  ph_mentaal_welbevinden: 'Mentaal welbevinden',
  ph_zingeving: 'Zingeving',
  ph_kwaliteit_van_leven: 'Kwaliteit van leven',
  ph_meedoen: 'Meedoen',
  ph_dagelijks_functioneren: 'Dagelijks functioneren',
  referrer: 'Verwijzer',
  ref_gp: 'Huisarts',
  ref_poh: 'Praktijkondersteuner (POH)',
  ref_paramedic: 'Paramedicus, bijvoorbeeld fysiotherapeut',
  ref_pharmacist: 'Apotheker',
  ref_hospital: 'Ziekenhuis',
  ref_home_care: 'Wijkverpleging of thuiszorg',
  gpSubmit: 'Bepaal route',
  newReferral: 'Nieuwe verwijzing',

  fsPrefs: 'Wensen van de inwoner',
  maxKm: 'Maximale afstand (km)',
  maxKmHint: 'Leeg = geen grens',
  budget: 'Maximaal per maand (€)',
  budgetHint: '0 = alleen gratis',
  days: 'Dagen',
  day_mon: 'maandag',
  day_tue: 'dinsdag',
  day_wed: 'woensdag',
  day_thu: 'donderdag',
  day_fri: 'vrijdag',
  day_sat: 'zaterdag',
  day_sun: 'zondag',
  times: 'Dagdelen',
  time_morning: 'ochtend',
  time_afternoon: 'middag',
  time_evening: 'avond',
  groupLegend: 'Vorm',
  group_any: 'Maakt niet uit',
  group_yes: 'In een groep',
  group_no: 'Individueel',
  wheelchair: 'Rolstoeltoegankelijk nodig',
  languages: 'Talen die de inwoner spreekt',
  topK: 'Aantal suggesties',
  swSubmit: 'Zoek activiteiten',

  resultsGp: 'Advies',
  resultsSw: 'Suggesties',
  placeholderGp: 'Vul leeftijd en gemeente of postcode in. Het advies verschijnt hier.',
  placeholderSw: 'Vul leeftijd en gemeente of postcode in. De suggesties verschijnen hier.',
  working: 'De rekenkern wordt geladen…',
  routeKicker: 'Route',
  route_wor: 'Welzijn op Recept',
  route_mgn: 'Mentaal Gezondheidsnetwerk',
  route_wor_and_mgn: 'Welzijn op Recept én Mentaal Gezondheidsnetwerk',
  route_urgent: 'Spoed: vandaag nog zorg',
  route_medical: 'Medisch traject',
  route_not_eligible: 'Niet geschikt voor Welzijn op Recept',
  routeHint_wor: 'Verwijs naar de sociaal werker.',
  routeHint_mgn: 'Meld aan voor een verkennend gesprek bij het Mentaal Gezondheidsnetwerk.',
  routeHint_wor_and_mgn: 'Beide routes, naast elkaar.',
  routeHint_urgent: 'Geen Welzijn op Recept. Regel vandaag nog zorg.',
  routeHint_medical: 'Geen sociale hulpvraag gevonden. De huisarts gaat verder.',
  routeHint_not_eligible: 'Kies een andere route (zie hieronder).',
  mhSignal: 'Psychische klachten',
  signal_none: 'geen aanwijzing',
  signal_moderate: 'matig verhoogd',
  signal_strong: 'sterk verhoogd',
  reasonsTitle: 'Waarom dit advies',
  areasTitle: 'Ondersteuningsgebieden',
  noAreas: 'Geen ondersteuningsgebied opgegeven of herkend.',
  source_explicit: 'opgegeven',
  source_detected: 'herkend in de notitie',
  source_both: 'opgegeven en herkend in de notitie',
  severityN: 'ernst: {s}',
  matched: 'gevonden: {words}',
  suggestedTitle: 'Bespreek ook (Positieve Gezondheid)',
  suggestedLine: '{dimension} scoort {score}',
  pathwaysTitle: 'Vervolgstappen in de regio',
  nearbyTitle: 'Aanbod in de buurt',
  nearbyHint: 'Voorbeelden. De sociaal werker kiest samen met de inwoner wat past.',
  nearbyUnavailable: 'Geen aanbod te tonen: {msg}',
  toSw: 'Verder als sociaal werker',
  rules: 'triageregels versie {v}',
  stamp: 'Sociale kaart {region} · versie {version} · {date} · {hash}',

  countLine: '{n} suggesties · route: {route}',
  countLineOne: '1 suggestie · route: {route}',
  noSuggestions: 'Geen passende activiteiten gevonden. Verruim de wensen, bijvoorbeeld de afstand of het budget.',
  rank: 'Nummer {n}',
  kind_activity: 'activiteit',
  kind_service: 'dienst',
  kind_provision: 'voorziening',
  wmoBadge: 'Wmo-indicatie nodig',
  wmoBadgeTitle: 'De gemeente moet eerst een indicatie geven',
  factDistance: 'Afstand',
  factWhen: 'Wanneer',
  factCost: 'Kosten',
  factWhere: 'Adres',
  factContact: 'Contact',
  byAppointment: 'op afspraak',
  noSchedule: 'tijden via contact',
  free: 'gratis',
  perMonth: '€ {eur} per maand',
  km: '{km} km',
  phone: 'Telefoon',
  email: 'E-mail',
  website: 'Website',
  makeRecept: 'Maak welzijnsrecept',
  makeReceptFor: 'Maak welzijnsrecept voor {name}',
  swStatus: '{n} suggesties bijgewerkt.',
  gpStatus: 'Advies bijgewerkt: {route}.',

  receptTitle: 'Welzijnsrecept',
  receptBack: 'Terug naar de suggesties',
  receptPrint: 'Afdrukken',
  receptLead: 'Dit recept is voor u. Het helpt u om mee te doen.',
  receptWhat: 'Wat?',
  receptWhen: 'Wanneer?',
  receptWhere: 'Waar?',
  receptCost: 'Wat kost het?',
  receptCall: 'Wie belt u?',
  receptEvery: 'Elke {day} van {start} tot {end} uur.',
  receptAppointment: 'U maakt eerst een afspraak. Bel daarvoor.',
  receptNoTimes: 'Bel om te vragen wanneer u kunt komen.',
  receptFree: 'Het is gratis.',
  receptPaid: 'Het kost € {eur} per maand.',
  receptPhone: 'Bel {phone}.',
  receptEmail: 'Of mail naar {email}.',
  receptWebsite: 'Meer lezen: {website}',
  receptNoContact: 'Uw sociaal werker helpt u met het eerste contact.',
  receptWmo: 'Eerst moet de gemeente ja zeggen. Dat heet een Wmo-indicatie. Uw sociaal werker helpt u daarbij.',
  receptTip: 'Neem dit papier mee. Zeg dat u komt met een welzijnsrecept.',
  receptHelp: 'Lukt het niet? Of heeft u een vraag? Bel uw sociaal werker.',
  receptWorker: 'Uw sociaal werker',
  receptWorkerPhone: 'Telefoon',
  receptMade: 'Gemaakt op {date}',

  errorTitle: 'Controleer de invoer',
  errorTechnical: 'Melding van de rekenkern:',
  err_age_missing: 'Vul de leeftijd in (in jaren).',
  err_number: '{field}: vul een getal in.',
  err_age_range: 'Leeftijd: vul een leeftijd in van 0 tot en met {max} jaar. Ingevuld: {got}.',
  err_place_missing: 'Kies een gemeente of vul een postcode in.',
  err_postcode_format: "Postcode '{pc}' klopt niet. Gebruik 1234 of 1234 AB.",
  err_postcode_unknown: "Postcode '{pc}' ligt niet in de drie regio's. Kies ook de gemeente.",
  err_not_covered: '{place} valt niet onder een geladen sociale kaart.',
  err_range: '{field}: vul een waarde in van {min} tot en met {max}. Ingevuld: {got}.',
  err_text_long: 'De notitie is te lang: {n} tekens, maximaal {max}.',
  err_max_km: 'Maximale afstand: vul een afstand in groter dan 0 en hoogstens 500 km.',
  err_budget: 'Maximaal per maand: vul een bedrag in van 0 of meer.',
  err_min: '{field}: vul een waarde in van {min} of meer. Ingevuld: {got}.',
  err_missing: '{field}: vul dit in.',
  err_empty: '{field}: mag niet leeg zijn.',
  err_invalid_json: 'De invoer is geen geldige JSON.',
  err_wrong_type: '{field}: vul {expected} in.',
  err_unknown_field: '{field}: dit veld is onbekend.',
  err_unknown_value: "{field}: '{value}' is geen bekende waarde.",
  err_invalid_format: "{field}: '{value}' heeft niet de juiste vorm.",
  err_too_long: '{field}: te lang, maximaal {max}.',
  err_duplicate: '{field}: staat er meer dan één keer in.',
  err_inconsistent: '{field}: past niet bij {other}.',
  err_other: '{field}: deze waarde klopt niet.',
  err_field_unknown: 'De invoer',
  err_value_hidden: '(lange waarde)',
  type_integer: 'een geheel getal',
  type_number: 'een getal',
  type_string: 'tekst',
  type_boolean: 'ja of nee',
  type_list: 'een lijst',
  type_object: 'een object',

  footerPrivacy: 'Alles wordt in deze browser berekend. Verwijsgegevens worden niet verstuurd en niet bewaard.',
  footerEngine: 'Rekenkern {engine} · triageregels versie {rules}',
  footerOffline: 'Werkt ook zonder internet na het eerste bezoek.',
};

const en = {
  docTitle: 'Welzijn op Recept — referral and social map',
  skip: 'Skip to content',
  brand: 'Welzijn op Recept',
  tagline: 'Triage and social map · everything stays in this browser',
  langButton: 'Nederlands',
  langButtonLang: 'nl',
  viewsNav: 'View',
  tabGp: 'GP',
  tabSw: 'Social worker',

  mapLoading: 'Loading the social map…',
  mapLabel: 'Social map',
  mapVersion: 'version {v}',
  mapChecking: 'being checked',
  mapConfirmed: 'loaded',
  mapMismatch: 'Warning: the loaded map {region} differs from the list (hash {hash}).',
  mapFailed: 'The social map or the engine could not be loaded: {msg}',
  demoBadge: 'DEMO-DATA',
  demoTitle: 'Fictional providers and contact details, for testing and demonstration only',

  gpTitle: 'Referral from the GP practice',
  gpIntro: 'Fill in what you know. The advice appears at once and changes as you type. Nothing is sent or stored.',
  swTitle: 'Finding an activity that fits',
  swIntro: "Fill in the referral and the resident's wishes. Every change re-ranks the list at once.",

  formReferral: 'Referral',
  fsResident: 'Resident',
  age: 'Age (years)',
  ageHint: 'In years',
  consent: 'The resident consents to the referral and to sharing contact details',
  municipality: 'Municipality',
  municipalityNone: 'Choose a municipality',
  postcode: 'Postcode',
  postcodeHint: 'For example 2315 or 2315 AB. Municipality or postcode is enough.',
  fsAreas: 'Support areas',
  areasHint: 'Tick what applies and choose the severity. Areas are also recognised in the note.',
  severity: 'Severity',
  sev1: 'mild',
  sev2: 'moderate',
  sev3: 'severe',
  note: 'Note',
  noteHint: 'What is going on? Free text. No name, address or citizen service number.',
  fsDkl: '4DKL scores (optional)',
  dklHint: 'Sum scores of the Four-Dimensional Symptom Questionnaire.',
  dkl_distress: 'Distress',
  dkl_depression: 'Depression',
  dkl_anxiety: 'Anxiety',
  dkl_somatization: 'Somatisation',
  dklRange_distress: '0–32 · elevated from 11',
  dklRange_depression: '0–12 · elevated from 3',
  dklRange_anxiety: '0–24 · elevated from 4',
  dklRange_somatization: '0–32 · elevated from 11',
  fsFlags: 'Risk signals',
  flag_suicidal_ideation: 'Suicidal thoughts with plan or intent',
  flag_psychosis_suspected: 'Suspected psychosis',
  flag_acute_danger: 'Acute danger',
  flag_mental_disorder_suspected: 'Suspected mental disorder',
  fsPh: 'Positive Health (optional)',
  phHint: "The resident's score, 0 to 10.",
  ph_lichaamsfuncties: 'Bodily functions',
  ph_mentaal_welbevinden: 'Mental well-being',
  ph_zingeving: 'Meaningfulness',
  ph_kwaliteit_van_leven: 'Quality of life',
  ph_meedoen: 'Participation',
  ph_dagelijks_functioneren: 'Daily functioning',
  referrer: 'Referrer',
  ref_gp: 'GP',
  ref_poh: 'Practice nurse (POH)',
  ref_paramedic: 'Paramedic, for example physiotherapist',
  ref_pharmacist: 'Pharmacist',
  ref_hospital: 'Hospital',
  ref_home_care: 'Home care',
  gpSubmit: 'Determine route',
  newReferral: 'New referral',

  fsPrefs: "The resident's wishes",
  maxKm: 'Maximum distance (km)',
  maxKmHint: 'Empty = no limit',
  budget: 'Maximum per month (€)',
  budgetHint: '0 = free only',
  days: 'Days',
  day_mon: 'Monday',
  day_tue: 'Tuesday',
  day_wed: 'Wednesday',
  day_thu: 'Thursday',
  day_fri: 'Friday',
  day_sat: 'Saturday',
  day_sun: 'Sunday',
  times: 'Time of day',
  time_morning: 'morning',
  time_afternoon: 'afternoon',
  time_evening: 'evening',
  groupLegend: 'Format',
  group_any: 'No preference',
  group_yes: 'In a group',
  group_no: 'One-to-one',
  wheelchair: 'Needs wheelchair access',
  languages: 'Languages the resident speaks',
  topK: 'Number of suggestions',
  swSubmit: 'Find activities',

  resultsGp: 'Advice',
  resultsSw: 'Suggestions',
  placeholderGp: 'Fill in age and municipality or postcode. The advice appears here.',
  placeholderSw: 'Fill in age and municipality or postcode. The suggestions appear here.',
  working: 'Loading the engine…',
  routeKicker: 'Route',
  route_wor: 'Welzijn op Recept (social prescribing)',
  route_mgn: 'Mental Health Network (MGN)',
  route_wor_and_mgn: 'Social prescribing and Mental Health Network',
  route_urgent: 'Urgent: same-day care',
  route_medical: 'Medical route',
  route_not_eligible: 'Not eligible for social prescribing',
  routeHint_wor: 'Refer to the social worker.',
  routeHint_mgn: 'Book an exploratory conversation with the Mental Health Network.',
  routeHint_wor_and_mgn: 'Both routes, in parallel.',
  routeHint_urgent: 'Not social prescribing. Arrange care today.',
  routeHint_medical: 'No social question found. The GP continues.',
  routeHint_not_eligible: 'Choose another route (see below).',
  mhSignal: 'Mental-health signs',
  signal_none: 'none',
  signal_moderate: 'moderately elevated',
  signal_strong: 'strongly elevated',
  reasonsTitle: 'Why this advice',
  areasTitle: 'Support areas',
  noAreas: 'No support area given or recognised.',
  source_explicit: 'stated',
  source_detected: 'recognised in the note',
  source_both: 'stated and recognised in the note',
  severityN: 'severity: {s}',
  matched: 'found: {words}',
  suggestedTitle: 'Also discuss (Positive Health)',
  suggestedLine: '{dimension} scores {score}',
  pathwaysTitle: 'Next steps in the region',
  nearbyTitle: 'What is on offer nearby',
  nearbyHint: 'Examples. The social worker chooses what fits together with the resident.',
  nearbyUnavailable: 'No offer to show: {msg}',
  toSw: 'Continue as social worker',
  rules: 'triage rules version {v}',
  stamp: 'Social map {region} · version {version} · {date} · {hash}',

  countLine: '{n} suggestions · route: {route}',
  countLineOne: '1 suggestion · route: {route}',
  noSuggestions: 'No suitable activities found. Relax the wishes, for example distance or budget.',
  rank: 'Number {n}',
  kind_activity: 'activity',
  kind_service: 'service',
  kind_provision: 'provision',
  wmoBadge: 'Wmo indication needed',
  wmoBadgeTitle: 'The municipality must first grant an indication',
  factDistance: 'Distance',
  factWhen: 'When',
  factCost: 'Cost',
  factWhere: 'Address',
  factContact: 'Contact',
  byAppointment: 'by appointment',
  noSchedule: 'times via contact',
  free: 'free',
  perMonth: '€{eur} per month',
  km: '{km} km',
  phone: 'Phone',
  email: 'Email',
  website: 'Website',
  makeRecept: 'Make welzijnsrecept',
  makeReceptFor: 'Make welzijnsrecept for {name}',
  swStatus: '{n} suggestions updated.',
  gpStatus: 'Advice updated: {route}.',

  receptTitle: 'Welzijnsrecept (social prescription)',
  receptBack: 'Back to the suggestions',
  receptPrint: 'Print',
  receptLead: 'This prescription is for you. It helps you to take part.',
  receptWhat: 'What?',
  receptWhen: 'When?',
  receptWhere: 'Where?',
  receptCost: 'What does it cost?',
  receptCall: 'Who do you call?',
  receptEvery: 'Every {day} from {start} to {end}.',
  receptAppointment: 'First make an appointment. Call to do so.',
  receptNoTimes: 'Call to ask when you can come.',
  receptFree: 'It is free.',
  receptPaid: 'It costs €{eur} a month.',
  receptPhone: 'Call {phone}.',
  receptEmail: 'Or email {email}.',
  receptWebsite: 'Read more: {website}',
  receptNoContact: 'Your social worker helps you make the first contact.',
  receptWmo: 'First the municipality must say yes. This is called a Wmo indication. Your social worker helps you with it.',
  receptTip: 'Take this paper with you. Say that you come with a welzijnsrecept.',
  receptHelp: 'Does it not work out? Or do you have a question? Call your social worker.',
  receptWorker: 'Your social worker',
  receptWorkerPhone: 'Phone',
  receptMade: 'Made on {date}',

  errorTitle: 'Check the input',
  errorTechnical: 'Engine message:',
  err_age_missing: 'Fill in the age (in years).',
  err_number: '{field}: fill in a number.',
  err_age_range: 'Age: fill in an age from 0 to {max} years. Given: {got}.',
  err_place_missing: 'Choose a municipality or fill in a postcode.',
  err_postcode_format: "Postcode '{pc}' is not valid. Use 1234 or 1234 AB.",
  err_postcode_unknown: "Postcode '{pc}' is not in the three regions. Also choose the municipality.",
  err_not_covered: '{place} is not covered by a loaded social map.',
  err_range: '{field}: fill in a value from {min} to {max}. Given: {got}.',
  err_text_long: 'The note is too long: {n} characters, at most {max}.',
  err_max_km: 'Maximum distance: fill in a distance above 0 and at most 500 km.',
  err_budget: 'Maximum per month: fill in an amount of 0 or more.',
  err_min: '{field}: fill in a value of {min} or more. Given: {got}.',
  err_missing: '{field}: fill this in.',
  err_empty: '{field}: must not be empty.',
  err_invalid_json: 'The input is not valid JSON.',
  err_wrong_type: '{field}: fill in {expected}.',
  err_unknown_field: '{field}: this field is unknown.',
  err_unknown_value: "{field}: '{value}' is not a known value.",
  err_invalid_format: "{field}: '{value}' is not in the right form.",
  err_too_long: '{field}: too long, at most {max}.',
  err_duplicate: '{field}: is listed more than once.',
  err_inconsistent: '{field}: does not agree with {other}.',
  err_other: '{field}: this value is not valid.',
  err_field_unknown: 'The input',
  err_value_hidden: '(long value)',
  type_integer: 'a whole number',
  type_number: 'a number',
  type_string: 'text',
  type_boolean: 'yes or no',
  type_list: 'a list',
  type_object: 'an object',

  footerPrivacy: 'Everything is computed in this browser. Referral data are neither sent nor stored.',
  footerEngine: 'Engine {engine} · triage rules version {rules}',
  footerOffline: 'Also works without internet after the first visit.',
};

export const STRINGS = { nl, en };
export const LANGS = ['nl', 'en'];

/** The string `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang, key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.nl[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A date "YYYY-MM-DD" as "15 juni 2026" / "15 June 2026" (no time-zone shift). */
export function formatDate(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso || '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(d);
}

/** 1.5 -> "1,5" in Dutch, "1.5" in English. */
export function formatNumber(x, lang, decimals = 1) {
  const s = Number(x).toFixed(decimals);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** An amount in euros: whole amounts without decimals, else two decimals. */
export function formatEuro(eur, lang) {
  const s = Number.isInteger(eur) ? String(eur) : eur.toFixed(2);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** Field paths of the referral contract -> dictionary keys of their labels. */
const FIELD_LABELS = {
  age: 'age',
  municipality: 'municipality',
  postcode: 'postcode',
  text: 'note',
  'screening.4dkl.distress': 'dkl_distress',
  'screening.4dkl.depression': 'dkl_depression',
  'screening.4dkl.anxiety': 'dkl_anxiety',
  'screening.4dkl.somatization': 'dkl_somatization',
  'positive_health.lichaamsfuncties': 'ph_lichaamsfuncties',
  'positive_health.mentaal_welbevinden': 'ph_mentaal_welbevinden',
  'positive_health.zingeving': 'ph_zingeving',
  'positive_health.kwaliteit_van_leven': 'ph_kwaliteit_van_leven',
  'positive_health.meedoen': 'ph_meedoen',
  'positive_health.dagelijks_functioneren': 'ph_dagelijks_functioneren',
  'preferences.max_km': 'maxKm',
  'preferences.max_eur_per_month': 'budget',
};

export function fieldLabel(lang, field) {
  const key = FIELD_LABELS[field];
  return key ? t(lang, key) : field || t(lang, 'err_field_unknown');
}

/**
 * One problem the engine reported (`{field, code, params}`, see the wasm module's `Problem`) as a
 * sentence in the page's language, worded from its code and parameters.
 */
export function explainProblem(lang, { field = '', code, params = {} }) {
  const label = fieldLabel(lang, field);
  const value = params.value ?? t(lang, 'err_value_hidden');
  switch (code) {
    case 'missing':
      if (params.one_of?.includes('postcode')) return t(lang, 'err_place_missing');
      return t(lang, 'err_missing', { field: params.name ? fieldLabel(lang, params.name) : label });
    case 'out_of_range':
      if (field === 'age') return t(lang, 'err_age_range', { max: params.max, got: params.got });
      if (field === 'preferences.max_km') return t(lang, 'err_max_km');
      if (field === 'preferences.max_eur_per_month') return t(lang, 'err_budget');
      if (params.max === undefined) return t(lang, 'err_min', { field: label, min: params.min, got: params.got });
      return t(lang, 'err_range', { field: label, min: params.min, max: params.max, got: params.got });
    case 'too_long':
      if (field === 'text') return t(lang, 'err_text_long', { n: params.got, max: params.max });
      return t(lang, 'err_too_long', { field: label, max: params.max });
    case 'invalid_format':
      if (field === 'postcode') return t(lang, 'err_postcode_format', { pc: value });
      return t(lang, 'err_invalid_format', { field: label, value });
    case 'unknown_value':
      if (field === 'municipality') return t(lang, 'err_not_covered', { place: value });
      if (field === 'postcode') return t(lang, 'err_postcode_unknown', { pc: value });
      return t(lang, 'err_unknown_value', { field: label, value });
    case 'not_covered':
      return t(lang, 'err_not_covered', { place: params.place });
    case 'wrong_type':
      return t(lang, 'err_wrong_type', { field: label, expected: t(lang, `type_${params.expected}`) });
    case 'invalid_json':
    case 'unknown_field':
    case 'empty':
    case 'duplicate':
      return t(lang, `err_${code}`, { field: label });
    case 'inconsistent':
      return t(lang, 'err_inconsistent', { field: label, other: fieldLabel(lang, params.other) });
    default:
      return t(lang, 'err_other', { field: label });
  }
}

/**
 * A thrown engine error (a JS Error with `code`, `field`, `params` and `errors`) in the page's language.
 * Returns { field, text }: `field` is the contract path of the first problem ('' when none), `text`
 * words every problem. Any other error (no code) is worded as a generic problem.
 */
export function explainError(lang, error) {
  const problems = error?.errors?.length ? error.errors : [{ field: error?.field, code: error?.code, params: error?.params }];
  const texts = [...new Set(problems.map((p) => explainProblem(lang, p)))];
  return { field: problems[0].field ?? '', text: texts.join(' ') };
}
