import { addDays, type IsoDate } from '../../../shared/dates/calendar-date';
import { formatFrenchDate } from '../../../shared/dates/format';
import { born, civility, type Person } from '../../dossier/people';
import type { Complaint, Relative } from '../../dossier/story';
import type { Rng } from '../../random';
import { A4, GREY, PageBuilder, STAMP_BLUE, STAMP_RED, STAMP_VIOLET } from '../page';
import {
  fictionMention,
  frenchLetterhead,
  longDate,
  paragraphs,
  signOff,
  title,
  type DocumentSpec,
} from './common';

const TRAFFICKING = 'traite des êtres humains (articles 225-4-1 et suivants du code pénal)';

/** « Récépissé de dépôt de plainte », as police stations and gendarmerie brigades print it. */
export function complaintReceipt(victim: Person, complaint: Complaint, rng: Rng): DocumentSpec {
  const police = complaint.force === 'police';
  const service = police
    ? [
        `MINISTÈRE DE L'INTÉRIEUR`,
        'POLICE NATIONALE',
        `Commissariat de police de ${complaint.city}`,
      ]
    : [
        `MINISTÈRE DE L'INTÉRIEUR`,
        'GENDARMERIE NATIONALE',
        `Brigade de gendarmerie de ${complaint.city}`,
      ];
  const page = new PageBuilder(A4.width, A4.height);
  let y = frenchLetterhead(page, service);
  page.text(192, 40, `Procès-verbal n° ${complaint.reportNumber}`, {
    size: 9.5,
    font: 'sansBold',
    align: 'right',
  });
  y = title(page, y + 8, 'RÉCÉPISSÉ DE DÉPÔT DE PLAINTE', 14);
  y = paragraphs(page, y, [
    `Nous, ${civility(complaint.officer)}, officier de police judiciaire en résidence à ${complaint.city}, certifions avoir reçu ce jour, ${longDate(complaint.filedOn)}, la plainte de :`,
  ]);
  y = page.field(30, y + 2, 'Nom', victim.familyName);
  y = page.field(30, y, 'Prénom(s)', victim.firstNames);
  y = page.field(
    30,
    y,
    `${born(victim) === 'née' ? 'Née' : 'Né'} le`,
    `${formatFrenchDate(victim.birthDate)} à ${victim.birthPlace} (${victim.birthCountry})`,
  );
  y = page.field(30, y, 'Nationalité', victim.nationality);
  y = paragraphs(page, y + 4, [
    `Nature des faits : ${TRAFFICKING}${rng.chance(0.4) ? ', proxénétisme aggravé (article 225-7 du code pénal)' : ''}.`,
    `Date et lieu des faits : entre le ${longDate(addDays(complaint.filedOn, -rng.int(200, 700)))} et le ${longDate(addDays(complaint.filedOn, -rng.int(5, 60)))}, à ${complaint.city} et en tous lieux du territoire national.`,
    'La plainte a été enregistrée et transmise au procureur de la République, qui décidera des suites à lui donner. Vous serez informé(e) de ces suites.',
    "Le présent récépissé ne préjuge pas des suites judiciaires. Il peut être présenté à l'appui d'une demande de titre de séjour (article L. 425-1 du CESEDA).",
  ]);
  signOff(
    page,
    y + 6,
    complaint.city,
    complaint.filedOn,
    [civility(complaint.officer), 'Officier de police judiciaire'],
    rng,
    {
      lines: [police ? 'POLICE' : 'GENDARMERIE', 'NATIONALE', complaint.city.toUpperCase()],
      colour: STAMP_BLUE,
    },
  );
  fictionMention(page);
  const pages = [page.build()];
  if (rng.chance(0.35)) {
    const notice = new PageBuilder(A4.width, A4.height);
    paragraphs(
      notice,
      title(notice, 26, 'INFORMATION DES VICTIMES', 12),
      [
        'Vous avez le droit d’obtenir réparation du préjudice subi, d’être aidé(e) par un service d’aide aux victimes, d’être assisté(e) par un avocat, de bénéficier d’un interprète et d’une traduction des informations indispensables à l’exercice de vos droits.',
        'Plateforme téléphonique d’aide aux victimes : 116 006 (appel gratuit, 7 jours sur 7).',
        "Association d'aide aux victimes (fictive) : Association Exemple, permanence au commissariat le mardi matin.",
      ],
      10,
      'sans',
    );
    fictionMention(notice);
    pages.push(notice.build());
  }
  return { name: 'recepisse-plainte', pages, digital: false, focus: null };
}

/** The prosecutor's attestation that the applicant testifies in ongoing proceedings. */
export function prosecutorAttestation(
  victim: Person,
  complaint: Complaint,
  asOf: IsoDate,
  rng: Rng,
): DocumentSpec {
  const prosecutor = { ...complaint.officer, familyName: 'PROCUREUR-EXEMPLE' };
  const page = new PageBuilder(A4.width, A4.height);
  let y = frenchLetterhead(page, [
    'COUR D’APPEL',
    `TRIBUNAL JUDICIAIRE DE ${complaint.court.toUpperCase()}`,
    'Parquet du procureur de la République',
  ]);
  page.text(192, 40, `N° parquet : ${complaint.prosecutionNumber}`, {
    size: 9.5,
    font: 'sansBold',
    align: 'right',
  });
  y = title(page, y + 8, 'ATTESTATION', 14);
  y = paragraphs(page, y, [
    `Le procureur de la République près le tribunal judiciaire de ${complaint.court} atteste que ${civility(victim)}, ${born(victim)} le ${longDate(victim.birthDate)} à ${victim.birthPlace} (${victim.birthCountry}), a déposé plainte le ${longDate(complaint.filedOn)} et témoigne dans la procédure pénale enregistrée sous le numéro ${complaint.prosecutionNumber}, ouverte du chef de ${TRAFFICKING}.`,
    `Cette procédure est en cours${rng.chance(0.5) ? ' : une information judiciaire a été ouverte et confiée à un juge d’instruction' : " d'enquête"}.`,
    'La présente attestation est délivrée à l’intéressé(e) pour servir et valoir ce que de droit, notamment auprès de la préfecture (article R. 425-5 du CESEDA).',
  ]);
  signOff(
    page,
    y + 8,
    complaint.court,
    addDays(asOf, -rng.int(5, 60)),
    [
      `Pour le procureur de la République,`,
      `${prosecutor.firstNames} ${prosecutor.familyName}, substitut`,
    ],
    rng,
    {
      lines: ['PARQUET', 'TRIBUNAL JUDICIAIRE', complaint.court.toUpperCase()],
      colour: STAMP_VIOLET,
    },
  );
  fictionMention(page);
  return { name: 'attestation-parquet', pages: [page.build()], digital: false, focus: null };
}

/** The final conviction judgment of the criminal court (extract), and its certificate of non-appeal. */
export function convictionJudgment(victim: Person, complaint: Complaint, rng: Rng): DocumentSpec {
  const court = complaint.court;
  const first = new PageBuilder(A4.width, A4.height);
  const header = frenchLetterhead(first, [
    `TRIBUNAL JUDICIAIRE DE ${court.toUpperCase()}`,
    'Tribunal correctionnel',
    `${rng.int(5, 16)}e chambre correctionnelle`,
  ]);
  first.text(192, 40, `N° minute : ${rng.int(1000, 9999)}/${complaint.judgmentOn.slice(0, 4)}`, {
    size: 9,
    align: 'right',
  });
  first.text(192, 45, `N° parquet : ${complaint.prosecutionNumber}`, { size: 9, align: 'right' });
  const female = victim.sex === 'female';
  paragraphs(first, title(first, header + 8, 'JUGEMENT CORRECTIONNEL', 14), [
    `Jugement du ${longDate(complaint.judgmentOn)}, contradictoire, rendu en audience publique.`,
    `PRÉVENU : ${civility(complaint.convicted)}, ${born(complaint.convicted)} le ${longDate(complaint.convicted.birthDate)} à ${complaint.convicted.birthPlace}, détenu.`,
    `PARTIE CIVILE : ${civility(victim)}, ${born(victim)} le ${longDate(victim.birthDate)}, assisté${female ? 'e' : ''} de Maître Avocat-Fictif, avocat au barreau de ${court}.`,
    `Le prévenu est poursuivi pour avoir, à ${complaint.city}, courant ${complaint.filedOn.slice(0, 4)} et depuis temps non couvert par la prescription, recruté, transporté et hébergé ${civility(victim)} en vue de ${female ? 'la' : 'le'} mettre à disposition de tiers afin de permettre la commission contre ${female ? 'elle' : 'lui'} d'infractions de proxénétisme, faits de ${TRAFFICKING}.`,
  ]);
  fictionMention(first);
  const second = new PageBuilder(A4.width, A4.height);
  const y2 = paragraphs(second, 24, [
    'MOTIFS — Il résulte des éléments du dossier, des déclarations constantes de la partie civile et des investigations téléphoniques et bancaires que les faits reprochés sont établis.',
    'PAR CES MOTIFS, le tribunal, statuant publiquement, en premier ressort et contradictoirement :',
    `DÉCLARE ${civility(complaint.convicted)} COUPABLE des faits qui lui sont reprochés ;`,
    `LE CONDAMNE à une peine de ${rng.int(3, 8)} ans d'emprisonnement ;`,
    `REÇOIT ${civility(victim)} en sa constitution de partie civile et condamne le prévenu à lui payer la somme de ${rng.int(5, 30) * 1000} euros en réparation de son préjudice moral.`,
  ]);
  signOff(second, y2 + 6, court, complaint.judgmentOn, ['Le président', 'Le greffier'], rng, {
    lines: ['TRIBUNAL', 'JUDICIAIRE', court.toUpperCase()],
    colour: STAMP_RED,
  });
  fictionMention(second);
  const certificate = new PageBuilder(A4.width, A4.height);
  let y3 = frenchLetterhead(certificate, [
    `TRIBUNAL JUDICIAIRE DE ${court.toUpperCase()}`,
    'Greffe correctionnel',
  ]);
  y3 = title(certificate, y3 + 10, 'CERTIFICAT DE NON-APPEL', 13);
  y3 = paragraphs(certificate, y3, [
    `Le greffier en chef du tribunal judiciaire de ${court} certifie qu'il n'a été relevé aucun appel ni pourvoi contre le jugement correctionnel rendu le ${longDate(complaint.judgmentOn)} dans la procédure n° ${complaint.prosecutionNumber}, lequel est en conséquence DÉFINITIF.`,
  ]);
  signOff(
    certificate,
    y3 + 6,
    court,
    addDays(complaint.judgmentOn, rng.int(12, 30)),
    ['Le greffier'],
    rng,
    {
      lines: ['GREFFE', 'TRIBUNAL JUDICIAIRE', court.toUpperCase()],
      colour: STAMP_RED,
    },
  );
  fictionMention(certificate);
  return {
    name: 'jugement-condamnation',
    pages: [first.build(), second.build(), certificate.build()],
    digital: false,
    focus: null,
  };
}

/** A family judge's decision, with the wording for each case the representation annex lists. */
export function familyCourtDecision(
  kind: 'emancipation' | 'divorce' | 'separation' | 'delegation' | 'jointAuthority',
  child: Person,
  parties: { father: Relative; mother: Relative; third: Person | null },
  court: string,
  decidedOn: IsoDate,
  rng: Rng,
): DocumentSpec {
  const judge = `${rng.pick(['Mme', 'M.'])} ${rng.pick(['Claire', 'Paul', 'Anne', 'Marc'])} JUGE-EXEMPLE`;
  const father = `${parties.father.firstNames} ${parties.father.familyName}`;
  const mother = `${parties.mother.firstNames} ${parties.mother.familyName}`;
  const childLine = `${child.firstNames} ${child.familyName}, ${born(child)} le ${longDate(child.birthDate)} à ${child.birthPlace}`;
  const texts = {
    emancipation: {
      heading: "ORDONNANCE D'ÉMANCIPATION",
      chamber: 'Juge des contentieux de la protection — juge des tutelles des mineurs',
      body: [
        `Vu la requête présentée par ${mother}, mère de ${childLine}, tendant à l'émancipation du mineur ;`,
        'Vu les articles 413-2 et suivants du code civil ; après audition du mineur et de ses parents ;',
        `Attendu qu'il existe de justes motifs ; PAR CES MOTIFS, PRONONÇONS l'émancipation de ${childLine}, qui est capable, comme un majeur, de tous les actes de la vie civile.`,
      ],
      name: 'ordonnance-emancipation',
    },
    divorce: {
      heading: 'JUGEMENT DE DIVORCE (EXTRAIT)',
      chamber: 'Juge aux affaires familiales',
      body: [
        `Entre ${father} et ${mother}, mariés le ${longDate(addDays(parties.father.birthDate, 9000))} ;`,
        "PRONONCE le divorce des époux ; DIT que l'autorité parentale sur l'enfant commun sera exercée conjointement ;",
        `FIXE la résidence habituelle de ${childLine} au domicile de la mère.`,
      ],
      name: 'jugement-divorce-parents',
    },
    separation: {
      heading: 'ORDONNANCE DE SÉPARATION',
      chamber: 'Juge aux affaires familiales',
      body: [
        `Statuant sur la requête de ${mother} à l'encontre de ${father} ;`,
        `CONSTATE la séparation des parents ; DIT que l'autorité parentale sur ${childLine} est exercée en commun ;`,
        "FIXE la résidence de l'enfant au domicile de la mère ; ACCORDE au père un droit de visite et d'hébergement.",
      ],
      name: 'ordonnance-separation',
    },
    delegation: {
      heading: "JUGEMENT DE DÉLÉGATION D'AUTORITÉ PARENTALE",
      chamber: 'Juge aux affaires familiales',
      body: [
        `Vu les articles 377 et suivants du code civil ; vu la requête de ${parties.third ? civility(parties.third) : 'la requérante'} ;`,
        `DÉLÈGUE totalement à ${parties.third ? civility(parties.third) : 'la requérante'} l'exercice de l'autorité parentale sur ${childLine} ;`,
        'DIT que le délégataire représentera le mineur dans tous les actes de la vie civile et administrative.',
      ],
      name: 'jugement-delegation-autorite-parentale',
    },
    jointAuthority: {
      heading: "DÉCLARATION CONJOINTE D'EXERCICE EN COMMUN DE L'AUTORITÉ PARENTALE",
      chamber: 'Greffe du tribunal judiciaire',
      body: [
        `Se sont présentés ${father} et ${mother}, père et mère de ${childLine}, reconnu(e) par son père plus d'un an après sa naissance ;`,
        "Lesquels déclarent vouloir exercer en commun l'autorité parentale sur l'enfant, conformément à l'article 372 du code civil.",
        'Dont acte, signé par les déclarants et le greffier.',
      ],
      name: 'declaration-conjointe-autorite-parentale',
    },
  }[kind];
  const page = new PageBuilder(A4.width, A4.height);
  let y = frenchLetterhead(page, [
    `TRIBUNAL JUDICIAIRE DE ${court.toUpperCase()}`,
    texts.chamber,
    `RG n° ${decidedOn.slice(2, 4)}/${String(rng.int(1, 9999)).padStart(5, '0')}`,
  ]);
  y = title(page, y + 8, texts.heading, 12.5);
  page.text(22, y - 3, `Rendu le ${longDate(decidedOn)} par ${judge}`, { size: 9.5, colour: GREY });
  y = paragraphs(page, y + 5, texts.body);
  signOff(
    page,
    y + 6,
    court,
    decidedOn,
    [kind === 'jointAuthority' ? 'Le greffier' : 'Le juge', judge],
    rng,
    {
      lines: ['TRIBUNAL', 'JUDICIAIRE', court.toUpperCase()],
      colour: STAMP_RED,
    },
  );
  fictionMention(page);
  return { name: texts.name, pages: [page.build()], digital: false, focus: null };
}
