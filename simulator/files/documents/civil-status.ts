import { addDays, type IsoDate } from '../../../shared/dates/calendar-date';
import type { Country } from '../../dossier/countries';
import { born, frenchPerson, type Person } from '../../dossier/people';
import type { Relative } from '../../dossier/story';
import type { Rng } from '../../random';
import { A4, GREY, INK, PageBuilder, STAMP_BLUE, STAMP_VIOLET } from '../page';
import {
  fictionMention,
  longDate,
  paragraphs,
  signature,
  signOff,
  stamp,
  title,
  type DocumentSpec,
} from './common';

/** A civil-status record as foreign registries print them: numbered entry, boxes, registrar. */
function registerPage(
  country: Country,
  heading: string,
  entryNumber: string,
  rows: readonly (readonly [string, string])[],
  mentions: readonly string[],
  issuedOn: IsoDate,
  town: string,
  rng: Rng,
): PageBuilder {
  const page = new PageBuilder(A4.width, A4.height, [247, 244, 234]);
  page.text(page.width / 2, 20, country.state, { size: 11, font: 'serifBold', align: 'center' });
  page.text(page.width / 2, 26, 'ÉTAT CIVIL — CIVIL REGISTRY', {
    size: 8.5,
    align: 'center',
    colour: GREY,
  });
  page.text(page.width / 2, 31, `Centre principal de ${town}`, {
    size: 8.5,
    align: 'center',
    colour: GREY,
  });
  let y = title(page, 46, heading, 13);
  page.text(22, y, `Acte n° ${entryNumber}`, { size: 10, font: 'sansBold' });
  y += 7;
  page.rect(20, y - 4, page.width - 40, rows.length * 9 + 4, { stroke: INK, lineWidth: 0.3 });
  for (const [index, [label, value]] of rows.entries()) {
    const rowY = y + index * 9;
    if (index > 0) page.line(20, rowY - 4, page.width - 20, rowY - 4, [150, 150, 150], 0.15);
    page.text(23, rowY + 1.5, label, { size: 8.5, colour: GREY });
    page.text(85, rowY + 1.5, value, { size: 9.5, font: 'sansBold' });
  }
  y += rows.length * 9 + 8;
  y = paragraphs(page, y, mentions, 9.5);
  page.text(22, y + 4, `Extrait certifié conforme au registre, délivré le ${longDate(issuedOn)}.`, {
    size: 9.5,
    font: 'serif',
  });
  page.text(122, y + 14, "L'officier de l'état civil", { size: 9.5 });
  signature(page, 124, y + 17, rng);
  stamp(page, 95, y + 26, ['ÉTAT CIVIL', town, country.code], STAMP_VIOLET, rng, 16);
  fictionMention(page);
  return page;
}

function relativeLine(relative: Relative): string {
  return `${relative.firstNames} ${relative.familyName}, ${born(relative)} le ${longDate(relative.birthDate)}`;
}

/** A sworn translator's translation, joined when the record is not in French. */
function translationPage(
  original: string,
  text: readonly string[],
  asOf: IsoDate,
  rng: Rng,
): PageBuilder {
  const translator = frenchPerson(rng);
  const page = new PageBuilder(A4.width, A4.height);
  page.text(22, 22, `${translator.firstNames} ${translator.familyName}`, {
    size: 10,
    font: 'sansBold',
  });
  page.text(22, 27, "Traducteur-interprète expert près la cour d'appel de Douai", { size: 9 });
  page.text(22, 32, 'Traduction n° ' + `${asOf.slice(0, 4)}-${rng.int(100, 999)}`, {
    size: 9,
    colour: GREY,
  });
  let y = title(page, 50, `TRADUCTION — ${original}`, 12);
  y = paragraphs(page, y, text, 10);
  y = paragraphs(page, y + 4, [
    "Je soussigné(e), traducteur expert, certifie la présente traduction conforme à l'original rédigé en langue étrangère qui m'a été présenté.",
  ]);
  signOff(page, y + 8, 'Lille', addDays(asOf, -rng.int(20, 120)), ['Le traducteur expert'], rng, {
    lines: ['TRADUCTEUR', 'EXPERT', "COUR D'APPEL"],
    colour: STAMP_BLUE,
  });
  fictionMention(page);
  return page;
}

/**
 * « Extrait d'acte de naissance avec filiation » (or « copie intégrale »), with a certified
 * translation when the country's records are not in French. `recognition` adds the mention of
 * a father's recognition (annex 1: unmarried parents).
 */
export function birthCertificate(
  person: Person,
  country: Country,
  parents: { father: Relative; mother: Relative },
  options: { asOf: IsoDate; recognition: 'beforeOne' | 'afterOne' | null; integral: boolean },
  rng: Rng,
): DocumentSpec {
  const entry = `${person.birthDate.slice(0, 4)}/${rng.int(100, 4999)}`;
  const rows: [string, string][] = [
    ['Nom / Surname', person.familyName],
    ['Prénoms / Given names', person.firstNames],
    ['Sexe / Sex', person.sex === 'female' ? 'Féminin' : 'Masculin'],
    ['Date de naissance', longDate(person.birthDate)],
    ['Lieu de naissance', `${person.birthPlace} (${country.name})`],
    ['Père / Father', relativeLine(parents.father)],
    ['Mère / Mother', relativeLine(parents.mother)],
  ];
  const mentions: string[] = [];
  if (options.recognition) {
    const recognisedOn = addDays(
      person.birthDate,
      options.recognition === 'beforeOne' ? rng.int(20, 300) : rng.int(400, 2000),
    );
    mentions.push(
      `Mention marginale : ${person.sex === 'female' ? "l'enfant a été reconnue" : "l'enfant a été reconnu"} par son père, ${parents.father.firstNames} ${parents.father.familyName}, le ${longDate(recognisedOn)}.`,
    );
  }
  if (options.integral) mentions.push('Aucune autre mention marginale.');
  const heading = options.integral
    ? "COPIE INTÉGRALE D'ACTE DE NAISSANCE"
    : "EXTRAIT D'ACTE DE NAISSANCE AVEC FILIATION";
  const issuedOn = addDays(options.asOf, -rng.int(30, 400));
  const pages = [
    registerPage(country, heading, entry, rows, mentions, issuedOn, person.birthPlace, rng).build(),
  ];
  if (!country.frenchRecords)
    pages.push(
      translationPage(
        heading,
        [
          `Acte n° ${entry}. ${person.firstNames} ${person.familyName}, de sexe ${person.sex === 'female' ? 'féminin' : 'masculin'}, ${born(person)} le ${longDate(person.birthDate)} à ${person.birthPlace} (${country.name}).`,
          `${person.sex === 'female' ? 'Fille' : 'Fils'} de ${relativeLine(parents.father)}, et de ${relativeLine(parents.mother)}.`,
          ...mentions,
          `Extrait délivré le ${longDate(issuedOn)} par l'officier de l'état civil de ${person.birthPlace}.`,
        ],
        options.asOf,
        rng,
      ).build(),
    );
  return {
    name: options.integral ? 'copie-integrale-acte-naissance' : 'acte-de-naissance',
    pages,
    digital: false,
    focus: null,
  };
}

/** « Extrait d'acte de mariage »: the applicant's own, or the parents' (annex 1: married parents). */
export function marriageCertificate(
  spouses: readonly [Relative & { birthPlace?: string }, Relative & { birthPlace?: string }],
  country: Country,
  married: { on: IsoDate; place: string; inFrance: boolean },
  asOf: IsoDate,
  rng: Rng,
  name = 'acte-de-mariage',
): DocumentSpec {
  const [first, second] = spouses;
  const rows: [string, string][] = [
    ['Date du mariage', longDate(married.on)],
    ['Lieu du mariage', married.place],
    ['Époux / Épouse', relativeLine(first)],
    ['Époux / Épouse', relativeLine(second)],
    ['Régime matrimonial', 'Sans contrat préalable'],
  ];
  const issuedOn = addDays(asOf, -rng.int(10, 300));
  const state = married.inFrance
    ? { ...country, state: 'RÉPUBLIQUE FRANÇAISE', code: 'FRA', frenchRecords: true }
    : country;
  const entry = `${married.on.slice(0, 4)}/${rng.int(10, 999)}`;
  const page = registerPage(
    state,
    "EXTRAIT D'ACTE DE MARIAGE",
    entry,
    rows,
    [],
    issuedOn,
    married.place.toUpperCase(),
    rng,
  );
  const pages = [page.build()];
  if (!state.frenchRecords)
    pages.push(
      translationPage(
        "EXTRAIT D'ACTE DE MARIAGE",
        [
          `Acte n° ${entry}. Le ${longDate(married.on)}, à ${married.place}, ont été unis par le mariage ${relativeLine(first)}, et ${relativeLine(second)}.`,
          `Extrait délivré le ${longDate(issuedOn)}.`,
        ],
        asOf,
        rng,
      ).build(),
    );
  return { name, pages, digital: false, focus: null };
}
