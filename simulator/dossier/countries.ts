/**
 * Countries the simulated applicants come from (none of the European Union, whose citizens need no
 * residence permit), with what their documents print. Places are real towns; every person is
 * invented (see people.ts).
 */
export type Country = {
  /** ICAO / ISO 3166 alpha-3, as in the passport's machine-readable zone. */
  code: string;
  /** As the French national file writes it (« NIGERIA »). */
  name: string;
  nationality: { male: string; female: string };
  /** The state's name on its documents. */
  state: string;
  towns: readonly string[];
  /** Colour of the passport's data page. */
  passportTint: readonly [number, number, number];
  firstNames: { female: readonly string[]; male: readonly string[] };
  /** Obviously invented family names, shaped like the country's. */
  familyNames: readonly string[];
  /** Language of the original civil-status records (a translation is joined when not French). */
  frenchRecords: boolean;
};

export const COUNTRIES: readonly Country[] = [
  {
    code: 'NGA',
    name: 'NIGERIA',
    nationality: { male: 'NIGERIAN', female: 'NIGERIANE' },
    state: 'FEDERAL REPUBLIC OF NIGERIA',
    towns: ['BENIN CITY', 'LAGOS', 'IBADAN', 'ENUGU'],
    passportTint: [214, 232, 214],
    firstNames: {
      female: ['Blessing', 'Joy', 'Favour', 'Precious', 'Esther', 'Gift'],
      male: ['Emeka', 'Chinedu', 'Osagie', 'Tunde'],
    },
    familyNames: ['EXEMPLOKWU', 'FICTIONADE', 'TESTUNDE', 'DEMOLAYO', 'SPECIMENU'],
    frenchRecords: false,
  },
  {
    code: 'ALB',
    name: 'ALBANIE',
    nationality: { male: 'ALBANAIS', female: 'ALBANAISE' },
    state: 'REPUBLIKA E SHQIPERISE',
    towns: ['TIRANA', 'DURRES', 'ELBASAN', 'SHKODER'],
    passportTint: [226, 214, 232],
    firstNames: {
      female: ['Elira', 'Anisa', 'Besa', 'Drita', 'Klea'],
      male: ['Arben', 'Dritan', 'Ilir', 'Gentian'],
    },
    familyNames: ['FICTIVAJ', 'DEMOSHAJ', 'SPECIMENAJ', 'EXEMPLLARI', 'TESTAJ'],
    frenchRecords: false,
  },
  {
    code: 'CHN',
    name: 'CHINE',
    nationality: { male: 'CHINOIS', female: 'CHINOISE' },
    state: "PEOPLE'S REPUBLIC OF CHINA",
    towns: ['WENZHOU', 'FUZHOU', 'SHENYANG', 'QINGTIAN'],
    passportTint: [236, 222, 212],
    firstNames: { female: ['Mei', 'Lian', 'Xiu Ying', 'Hua'], male: ['Wei', 'Jian', 'Hao'] },
    familyNames: ['EXEMPLE-WANG', 'FICTIF-CHEN', 'SPECIMEN-LI', 'DEMO-ZHAO'],
    frenchRecords: false,
  },
  {
    code: 'VNM',
    name: 'VIETNAM',
    nationality: { male: 'VIETNAMIEN', female: 'VIETNAMIENNE' },
    state: 'SOCIALIST REPUBLIC OF VIET NAM',
    towns: ['HAIPHONG', 'NGHE AN', 'HA TINH', 'QUANG BINH'],
    passportTint: [222, 232, 240],
    firstNames: {
      female: ['Thi Lan', 'Thi Hoa', 'Ngoc Anh', 'Thu Trang'],
      male: ['Van Minh', 'Duc Anh'],
    },
    familyNames: ['NGUYEN-EXEMPLE', 'TRAN-FICTIF', 'LE-SPECIMEN', 'PHAM-DEMO'],
    frenchRecords: false,
  },
  {
    code: 'CIV',
    name: "COTE D'IVOIRE",
    nationality: { male: 'IVOIRIEN', female: 'IVOIRIENNE' },
    state: "REPUBLIQUE DE COTE D'IVOIRE",
    towns: ['ABIDJAN', 'BOUAKE', 'DALOA', 'YAMOUSSOUKRO'],
    passportTint: [242, 226, 206],
    firstNames: {
      female: ['Awa', 'Mariam', 'Adjoua', 'Affoué', 'Fatoumata'],
      male: ['Koffi', 'Yao', 'Souleymane'],
    },
    familyNames: ['EXEMPLEKOU', 'FICTIBO', 'KOUADIO-TEST', 'DEMOGNAN'],
    frenchRecords: true,
  },
  {
    code: 'CMR',
    name: 'CAMEROUN',
    nationality: { male: 'CAMEROUNAIS', female: 'CAMEROUNAISE' },
    state: 'REPUBLIQUE DU CAMEROUN',
    towns: ['DOUALA', 'YAOUNDE', 'BAFOUSSAM', 'GAROUA'],
    passportTint: [214, 226, 214],
    firstNames: {
      female: ['Carine', 'Flore', 'Nadège', 'Sandrine'],
      male: ['Serge', 'Hervé', 'Boris'],
    },
    familyNames: ['FICTIMBA', 'EXEMPLONGO', 'NDEMO-ESSAI', 'SPECIMENBE'],
    frenchRecords: true,
  },
  {
    code: 'MAR',
    name: 'MAROC',
    nationality: { male: 'MAROCAIN', female: 'MAROCAINE' },
    state: 'ROYAUME DU MAROC',
    towns: ['CASABLANCA', 'TANGER', 'BENI MELLAL', 'OUJDA'],
    passportTint: [240, 214, 214],
    firstNames: {
      female: ['Fatima', 'Khadija', 'Salma', 'Imane'],
      male: ['Youssef', 'Hamza', 'Karim'],
    },
    familyNames: ['EL EXEMPLI', 'BEN FICTIF', 'EXEMPLAOUI', 'MODELLAOUI'],
    frenchRecords: true,
  },
  {
    code: 'BRA',
    name: 'BRESIL',
    nationality: { male: 'BRESILIEN', female: 'BRESILIENNE' },
    state: 'REPUBLICA FEDERATIVA DO BRASIL',
    towns: ['BELEM', 'MACAPA', 'SAO LUIS', 'MANAUS'],
    passportTint: [208, 222, 240],
    firstNames: {
      female: ['Ana Paula', 'Juliana', 'Larissa', 'Fernanda'],
      male: ['Thiago', 'Rafael'],
    },
    familyNames: ['EXEMPLO DA SILVA', 'FICTICIO', 'TESTEIRA', 'MODELO SANTOS'],
    frenchRecords: false,
  },
  {
    code: 'COL',
    name: 'COLOMBIE',
    nationality: { male: 'COLOMBIEN', female: 'COLOMBIENNE' },
    state: 'REPUBLICA DE COLOMBIA',
    towns: ['CALI', 'MEDELLIN', 'PEREIRA', 'BARRANQUILLA'],
    passportTint: [232, 224, 204],
    firstNames: { female: ['Valentina', 'Daniela', 'Paola', 'Camila'], male: ['Andrés', 'Julián'] },
    familyNames: ['EXEMPLAREZ', 'FICTICIA', 'TESTAREZ', 'SIMULADA'],
    frenchRecords: false,
  },
  {
    code: 'UKR',
    name: 'UKRAINE',
    nationality: { male: 'UKRAINIEN', female: 'UKRAINIENNE' },
    state: 'UKRAINE',
    towns: ['KHARKIV', 'ODESA', 'DNIPRO', 'ZAPORIZHZHIA'],
    passportTint: [226, 228, 214],
    firstNames: { female: ['Olena', 'Iryna', 'Kateryna', 'Oksana'], male: ['Andriy', 'Oleksandr'] },
    familyNames: ['EXEMPLENKO', 'FICTIVENKO', 'TESTOVYCH', 'DEMOCHUK'],
    frenchRecords: false,
  },
];
