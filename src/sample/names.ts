/**
 * Name pools for the sample generator. Every person the generator writes is an invented combination
 * of common given and family names drawn from these pools; no entry comes from, or is checked
 * against, any real list of people.
 *
 * `native` forms are given only where they are an accurate rendering of the Latin form, so that the
 * roster's script variants name the same person as the disclosure:
 * - Cyrillic: the Latin form is exactly what any-ascii gives for the Cyrillic (Сергей → Sergey).
 *   Names whose usual Latin spelling differs from any-ascii (Наталья → "Natal'ya", Ukrainian Сергій →
 *   "Sergiy" for Serhii) carry no native form.
 * - Arabic script (Arabic and Persian): the Latin form's consonants match the letters (محمد → "mhmd"
 *   ↔ Mohammed). Pairs whose letters differ (Persian رضا, "rd", for Reza) carry no native form.
 * - Chinese characters: the Latin form is the Hanyu Pinyin of the characters (张 Zhang, 小明 Xiaoming).
 * test/sample/generate.test.ts checks all three.
 */

export type Gender = 'F' | 'M';

export type Script = 'cyrillic' | 'arabic' | 'han';

export interface NamePart {
  /** As an intake form writes it: title case, particles in lower case, accents where the language has them. */
  latin: string;
  /** The same name in its own script, where that rendering is accurate (see above). */
  native?: string;
}

export type CultureId =
  | 'spanish'
  | 'central-american'
  | 'haitian'
  | 'brazilian'
  | 'punjabi'
  | 'russian'
  | 'ukrainian'
  | 'persian'
  | 'arabic'
  | 'west-african'
  | 'chinese'
  | 'vietnamese';

/**
 * How a culture's names are put together:
 * - `western`: given name(s), then family name(s); a second given name (from `middle` if present,
 *   else from `given`) and a second family name each come with their own chance.
 * - `vietnamese`: family name, then a middle name (Văn, Thị, ...) and a given name, written
 *   "NGUYỄN, VĂN AN" by the agency.
 * - `sikh`: Singh or Kaur (`middle`) either as the family name, or after the given name with a clan
 *   name (`family`) as the family name: "SINGH, GURPREET" or "SANDHU, GURPREET SINGH".
 */
export type NamePattern = 'western' | 'vietnamese' | 'sikh';

export interface Culture {
  id: CultureId;
  /** Country names written in the record's citizenship column. */
  nationalities: readonly string[];
  /** Relative share among randomly generated people. */
  weight: number;
  pattern: NamePattern;
  given: Readonly<Record<Gender, readonly NamePart[]>>;
  middle?: Readonly<Record<Gender, readonly NamePart[]>>;
  /** Per gender, because Russian family names change with it; the same list for both elsewhere. */
  family: Readonly<Record<Gender, readonly NamePart[]>>;
  secondGivenChance: number;
  secondFamilyChance: number;
  /** The script the culture's `native` forms are written in, if any. */
  script?: Script;
}

const latin = (...names: string[]): NamePart[] => names.map((n) => ({ latin: n }));
const both = (parts: readonly NamePart[]): Record<Gender, readonly NamePart[]> => ({ F: parts, M: parts });

// Spanish (Mexico and South America): two family names, compound given names.
const SPANISH_FAMILY = latin(
  'García', 'López', 'Hernández', 'Martínez', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez',
  'Flores', 'Gómez', 'Díaz', 'Cruz', 'Morales', 'Reyes', 'Jiménez', 'Ruiz', 'Torres', 'Vázquez',
  'Castillo', 'Ortiz', 'Mendoza', 'Chávez', 'Romero', 'Navarro', 'Rojas', 'Guzmán', 'Salazar',
  'de la Cruz', 'de León', 'del Valle', 'de los Santos',
);

const SPANISH: Culture = {
  id: 'spanish',
  nationalities: ['Mexico', 'Mexico', 'Mexico', 'Colombia', 'Venezuela', 'Ecuador', 'Cuba', 'Peru'],
  weight: 20,
  pattern: 'western',
  given: {
    M: latin(
      'José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Miguel', 'Francisco', 'Alejandro', 'Pedro', 'Manuel',
      'Jesús', 'Javier', 'Ricardo', 'Andrés', 'Fernando', 'Roberto', 'Sergio', 'Raúl', 'Héctor', 'Iván',
      'Juan Carlos', 'José Luis', 'Luis Fernando', 'Miguel Ángel', 'José Antonio', 'Juan Pablo',
    ),
    F: latin(
      'María', 'Guadalupe', 'Rosa', 'Ana', 'Verónica', 'Adriana', 'Claudia', 'Leticia', 'Gabriela',
      'Patricia', 'Daniela', 'Sofía', 'Valeria', 'Ximena', 'Lucía', 'Mónica', 'Beatriz',
      'María José', 'María Fernanda', 'Ana Lucía', 'María Guadalupe', 'Rosa María',
    ),
  },
  family: both(SPANISH_FAMILY),
  secondGivenChance: 0,
  secondFamilyChance: 0.85,
};

// Central American (Guatemala, Honduras, El Salvador, Nicaragua), including Q'eqchi' family names.
const CENTRAL_AMERICAN: Culture = {
  id: 'central-american',
  nationalities: ['Guatemala', 'Guatemala', 'Honduras', 'Honduras', 'El Salvador', 'Nicaragua'],
  weight: 20,
  pattern: 'western',
  given: {
    M: latin(
      'Edwin', 'Wilmer', 'Selvin', 'Byron', 'Kevin', 'Erick', 'Nelson', 'Óscar', 'Walter', 'Marvin',
      'Elmer', 'Brayan', 'Santos', 'Denis', 'Édgar', 'Mario', 'Juan José', 'Carlos Humberto', 'José Mario',
    ),
    F: latin(
      'Yesenia', 'Heidy', 'Ingrid', 'Glenda', 'Marleny', 'Sandra', 'Dilma', 'Karla', 'Wendy', 'Yoselin',
      'Mirna', 'Reina', 'Sonia', 'Iris', 'Ana María', 'Dania Yamileth', 'Kimberly Johana',
    ),
  },
  family: both(
    latin(
      'Pérez', 'López', 'Hernández', 'Mejía', 'Aguilar', 'Orellana', 'Ramos', 'Cruz', 'Alvarado',
      'Velásquez', 'Figueroa', 'Zelaya', 'Funes', 'Castro', 'Portillo', 'Ramírez', 'Chávez', 'Méndez',
      'Xol', 'Caal', 'Choc', 'Tzul', 'Cuc', 'Tiul', 'de la Cruz', 'de Jesús',
    ),
  ),
  secondGivenChance: 0,
  secondFamilyChance: 0.85,
};

const HAITIAN: Culture = {
  id: 'haitian',
  nationalities: ['Haiti'],
  weight: 8,
  pattern: 'western',
  given: {
    M: latin(
      'Jean', 'Jean Robert', 'Jean-Claude', 'Wilner', 'Frantz', 'Ricardo', 'Jonas', 'Peterson', 'Woodly',
      'Mackenson', 'Stanley', 'Wilson', 'Jean Marc', 'Fritznel', 'Guerby',
    ),
    F: latin(
      'Wideline', 'Fabiola', 'Nadège', 'Rose-Marie', 'Mirlande', 'Guerline', 'Roseline', 'Islande',
      'Marie-Claire', 'Nathalie', 'Stéphanie', 'Marie Ange', 'Darline', 'Medjine', 'Sherline',
    ),
  },
  family: both(
    latin(
      'Jean-Baptiste', 'Pierre', 'Saint-Fleur', 'Dorvil', 'Joseph', 'Louis', 'Charles', 'Jean-Louis',
      'Saint-Louis', 'Désir', 'Exantus', 'Toussaint', 'François', 'Célestin', 'Augustin', 'Saint-Hilaire',
      'Étienne', 'Jean-Pierre', 'Noël', 'Michel',
    ),
  ),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

const BRAZILIAN: Culture = {
  id: 'brazilian',
  nationalities: ['Brazil'],
  weight: 6,
  pattern: 'western',
  given: {
    M: latin(
      'João', 'Pedro', 'Lucas', 'Gabriel', 'Matheus', 'Rafael', 'Thiago', 'Felipe', 'Bruno', 'Gustavo',
      'Vinícius', 'Leandro', 'João Pedro', 'Carlos Eduardo', 'Luiz Henrique', 'José Carlos',
    ),
    F: latin(
      'Ana', 'Maria', 'Juliana', 'Fernanda', 'Camila', 'Larissa', 'Letícia', 'Beatriz', 'Aline',
      'Patrícia', 'Luana', 'Ana Clara', 'Maria Eduarda', 'Ana Paula',
    ),
  },
  family: both(
    latin(
      'da Silva', 'dos Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Rodrigues', 'Almeida',
      'Nascimento', 'Lima', 'Araújo', 'Ferreira', 'Carvalho', 'Gomes', 'Ribeiro', 'Barbosa',
      'da Conceição', 'Moreira',
    ),
  ),
  secondGivenChance: 0,
  secondFamilyChance: 0.5,
};

// Punjabi Sikh names: most given names are used for both men and women.
const PUNJABI_SHARED = ['Gurpreet', 'Harpreet', 'Manpreet', 'Jaspreet', 'Amandeep', 'Navdeep', 'Kamaljit', 'Ramandeep'];
const PUNJABI: Culture = {
  id: 'punjabi',
  nationalities: ['India'],
  weight: 9,
  pattern: 'sikh',
  given: {
    M: latin(...PUNJABI_SHARED, 'Sukhwinder', 'Harjit', 'Kuldeep', 'Gurwinder', 'Lovepreet', 'Navjot', 'Ranjit', 'Jaskaran'),
    F: latin(...PUNJABI_SHARED, 'Simranjit', 'Navneet', 'Rajwinder', 'Harleen', 'Sukhpreet', 'Parminder'),
  },
  middle: { M: latin('Singh'), F: latin('Kaur') },
  family: both(latin('Sandhu', 'Gill', 'Dhillon', 'Sidhu', 'Brar', 'Grewal', 'Randhawa', 'Sekhon', 'Virk', 'Bains')),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

const cy = (latinForm: string, native: string): NamePart => ({ latin: latinForm, native });

const RUSSIAN: Culture = {
  id: 'russian',
  nationalities: ['Russia'],
  weight: 5,
  pattern: 'western',
  script: 'cyrillic',
  given: {
    M: [
      cy('Sergey', 'Сергей'), cy('Aleksandr', 'Александр'), cy('Ivan', 'Иван'), cy('Andrey', 'Андрей'),
      cy('Mikhail', 'Михаил'), cy('Nikolay', 'Николай'), cy('Pavel', 'Павел'), cy('Vladimir', 'Владимир'),
      cy('Dmitriy', 'Дмитрий'), cy('Aleksey', 'Алексей'), cy('Maksim', 'Максим'), cy('Oleg', 'Олег'),
      cy('Kirill', 'Кирилл'), cy('Denis', 'Денис'), ...latin('Igor', 'Yevgeny'),
    ],
    F: [
      cy('Elena', 'Елена'), cy('Irina', 'Ирина'), cy('Svetlana', 'Светлана'), cy('Anna', 'Анна'),
      cy('Ekaterina', 'Екатерина'), cy('Yuliya', 'Юлия'), cy('Anastasiya', 'Анастасия'), cy('Galina', 'Галина'),
      cy('Lyudmila', 'Людмила'), cy('Kseniya', 'Ксения'), ...latin('Natalia', 'Olga', 'Tatiana', 'Daria'),
    ],
  },
  family: {
    M: [
      cy('Ivanov', 'Иванов'), cy('Petrov', 'Петров'), cy('Smirnov', 'Смирнов'), cy('Kuznetsov', 'Кузнецов'),
      cy('Popov', 'Попов'), cy('Sokolov', 'Соколов'), cy('Volkov', 'Волков'), cy('Morozov', 'Морозов'),
      cy('Novikov', 'Новиков'), cy('Lebedev', 'Лебедев'), cy('Kozlov', 'Козлов'), cy('Fedorov', 'Федоров'),
    ],
    F: [
      cy('Ivanova', 'Иванова'), cy('Petrova', 'Петрова'), cy('Smirnova', 'Смирнова'), cy('Kuznetsova', 'Кузнецова'),
      cy('Popova', 'Попова'), cy('Sokolova', 'Соколова'), cy('Volkova', 'Волкова'), cy('Morozova', 'Морозова'),
      cy('Novikova', 'Новикова'), cy('Lebedeva', 'Лебедева'), cy('Kozlova', 'Козлова'), cy('Fedorova', 'Федорова'),
    ],
  },
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

// Ukrainian passports use the national transliteration (Serhii, Iryna, Mykola); those spellings differ
// from any-ascii's reading of the Cyrillic and so carry no native form.
const UKRAINIAN: Culture = {
  id: 'ukrainian',
  nationalities: ['Ukraine'],
  weight: 3,
  pattern: 'western',
  script: 'cyrillic',
  given: {
    M: [
      cy('Oleksandr', 'Олександр'), cy('Taras', 'Тарас'), cy('Roman', 'Роман'), cy('Ostap', 'Остап'),
      cy('Nazar', 'Назар'), cy('Yaroslav', 'Ярослав'), cy('Viktor', 'Віктор'),
      ...latin('Serhii', 'Andrii', 'Mykola', 'Dmytro', 'Vasyl', 'Bohdan', 'Yurii'),
    ],
    F: [
      cy('Olena', 'Олена'), cy('Oksana', 'Оксана'), cy('Olesya', 'Олеся'), cy('Anna', 'Анна'),
      ...latin('Iryna', 'Nataliia', 'Tetiana', 'Yuliia', 'Kateryna', 'Halyna'),
    ],
  },
  family: both([
    cy('Kovalenko', 'Коваленко'), cy('Shevchenko', 'Шевченко'), cy('Bondarenko', 'Бондаренко'),
    cy('Tkachenko', 'Ткаченко'), cy('Kravchenko', 'Кравченко'), cy('Boyko', 'Бойко'), cy('Savchenko', 'Савченко'),
    cy('Lysenko', 'Лысенко'), cy('Marchenko', 'Марченко'), cy('Rudenko', 'Руденко'), cy('Moroz', 'Мороз'),
    cy('Pavlenko', 'Павленко'), cy('Ostapenko', 'Остапенко'), ...latin('Melnyk', 'Kovalchuk', 'Hrytsenko'),
  ]),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

const ar = (latinForm: string, native: string): NamePart => ({ latin: latinForm, native });

const PERSIAN: Culture = {
  id: 'persian',
  nationalities: ['Iran', 'Iran', 'Afghanistan'],
  weight: 5,
  pattern: 'western',
  script: 'arabic',
  given: {
    M: [
      ar('Hossein', 'حسین'), ar('Mohammad', 'محمد'), ar('Ali', 'علی'), ar('Mehdi', 'مهدی'), ar('Amir', 'امیر'),
      ar('Hamid', 'حمید'), ar('Saeed', 'سعید'), ar('Masoud', 'مسعود'),
      ...latin('Reza', 'Javad', 'Mohammad Reza', 'Ali Reza', 'Amir Hossein'),
    ],
    F: [
      ar('Fatemeh', 'فاطمه'), ar('Maryam', 'مریم'), ar('Narges', 'نرگس'), ar('Parisa', 'پریسا'), ar('Mahsa', 'مهسا'),
      ar('Shirin', 'شیرین'), ar('Somayeh', 'سمیه'), ar('Nasrin', 'نسرین'), ...latin('Zahra', 'Leila', 'Zeinab'),
    ],
  },
  family: both([
    ar('Ahmadi', 'احمدی'), ar('Karimi', 'کریمی'), ar('Hosseini', 'حسینی'), ar('Mohammadi', 'محمدی'),
    ar('Moradi', 'مرادی'), ar('Jafari', 'جعفری'), ar('Rahimi', 'رحیمی'), ar('Hashemi', 'هاشمی'),
    ar('Ebrahimi', 'ابراهیمی'), ar('Rostami', 'رستمی'), ar('Heydari', 'حیدری'),
    ...latin('Rezaei', 'Sadeghi', 'Azizi'),
  ]),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

const ARABIC_MALE: NamePart[] = [
  ar('Mohammed', 'محمد'), ar('Ahmed', 'أحمد'), ar('Youssef', 'يوسف'), ar('Omar', 'عمر'), ar('Khaled', 'خالد'),
  ar('Mahmoud', 'محمود'), ar('Mustafa', 'مصطفى'), ar('Hassan', 'حسن'), ar('Ibrahim', 'إبراهيم'),
  ar('Abdullah', 'عبدالله'), ar('Karim', 'كريم'), ar('Tarek', 'طارق'), ar('Jamal', 'جمال'), ar('Rashid', 'رشيد'),
  ar('Walid', 'وليد'), ar('Adel', 'عادل'),
];

const ARABIC: Culture = {
  id: 'arabic',
  nationalities: ['Syria', 'Egypt', 'Yemen', 'Sudan', 'Iraq', 'Lebanon'],
  weight: 6,
  pattern: 'western',
  script: 'arabic',
  given: {
    M: ARABIC_MALE,
    F: [
      ar('Fatima', 'فاطمة'), ar('Mariam', 'مريم'), ar('Amira', 'أميرة'), ar('Salma', 'سلمى'), ar('Nadia', 'نادية'),
      ar('Zainab', 'زينب'), ar('Yasmin', 'ياسمين'), ar('Huda', 'هدى'), ar('Rania', 'رانيا'), ar('Noor', 'نور'),
      ...latin('Aya', 'Rawan'),
    ],
  },
  // The father's name, written as a second given name on many agency records: "KHALIL, AHMED MOHAMMED".
  middle: both(ARABIC_MALE),
  family: both([
    ar('Al-Hassan', 'الحسن'), ar('Haddad', 'حداد'), ar('Khalil', 'خليل'), ar('Abdullah', 'عبدالله'),
    ar('Omar', 'عمر'), ar('Ibrahim', 'إبراهيم'), ar('Mansour', 'منصور'), ar('Saleh', 'صالح'),
    ar('Nasser', 'ناصر'), ar('Al-Masri', 'المصري'), ar('Hamdan', 'حمدان'), ar('Al-Ahmad', 'الأحمد'),
    ar('Al-Shami', 'الشامي'), ar('Darwish', 'درويش'), ar('Suleiman', 'سليمان'), ar('Youssef', 'يوسف'),
  ]),
  secondGivenChance: 0.35,
  secondFamilyChance: 0,
};

const WEST_AFRICAN: Culture = {
  id: 'west-african',
  nationalities: ['Guinea', 'Senegal', 'Mauritania', 'Mali'],
  weight: 8,
  pattern: 'western',
  given: {
    M: latin(
      'Mamadou', 'Ibrahima', 'Ousmane', 'Abdoulaye', 'Alpha', 'Amadou', 'Moussa', 'Boubacar', 'Souleymane',
      'Lamine', 'Cheikh', 'Mamadou Saliou', 'Alpha Oumar', 'Thierno Amadou',
    ),
    F: latin(
      'Fatoumata', 'Aissatou', 'Mariama', 'Kadiatou', 'Hawa', 'Aminata', 'Oumou', 'Binta', 'Ramatoulaye',
      'Fatoumata Binta', 'Mariama Dalanda', 'Kadiatou Diaraye',
    ),
  },
  family: both(
    latin(
      'Diallo', 'Bah', 'Sow', 'Barry', 'Traoré', 'Camara', 'Koné', 'Keita', 'Touré', 'Cissé', 'Diop',
      'Ndiaye', 'Sylla', 'Kouyaté', 'Baldé', 'Diakité',
    ),
  ),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

const zh = (latinForm: string, native: string): NamePart => ({ latin: latinForm, native });

const CHINESE: Culture = {
  id: 'chinese',
  nationalities: ['China'],
  weight: 6,
  pattern: 'western',
  script: 'han',
  given: {
    M: [zh('Wei', '伟'), zh('Yang', '洋'), zh('Xiaoming', '小明'), zh('Lei', '磊'), zh('Qiang', '强'), zh('Jun', '军'), zh('Jie', '杰'), zh('Tao', '涛'), zh('Hao', '浩'), zh('Zhiqiang', '志强')],
    F: [zh('Fang', '芳'), zh('Na', '娜'), zh('Jing', '静'), zh('Min', '敏'), zh('Li', '丽'), zh('Xiuying', '秀英'), zh('Ting', '婷'), zh('Yan', '艳'), zh('Xiaoyan', '晓燕'), zh('Xinyi', '欣怡')],
  },
  family: both([
    zh('Zhang', '张'), zh('Wang', '王'), zh('Li', '李'), zh('Liu', '刘'), zh('Chen', '陈'), zh('Huang', '黄'),
    zh('Zhao', '赵'), zh('Yang', '杨'), zh('Wu', '吴'), zh('Zhou', '周'), zh('Lin', '林'), zh('Sun', '孙'),
  ]),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

const VIETNAMESE: Culture = {
  id: 'vietnamese',
  nationalities: ['Vietnam'],
  weight: 4,
  pattern: 'vietnamese',
  given: {
    M: latin('An', 'Bình', 'Dũng', 'Hùng', 'Tuấn', 'Long', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Thắng', 'Khoa'),
    F: latin('Lan', 'Linh', 'Mai', 'Hoa', 'Hương', 'Trang', 'Thảo', 'Hạnh', 'Ngân', 'Nhung', 'Yến', 'Vy'),
  },
  middle: { M: latin('Văn', 'Minh', 'Đức', 'Quốc', 'Hữu'), F: latin('Thị', 'Ngọc', 'Thanh', 'Thu') },
  family: both(latin('Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Võ')),
  secondGivenChance: 0,
  secondFamilyChance: 0,
};

export const CULTURES: readonly Culture[] = [
  SPANISH, CENTRAL_AMERICAN, HAITIAN, BRAZILIAN, PUNJABI, RUSSIAN, UKRAINIAN, PERSIAN, ARABIC, WEST_AFRICAN, CHINESE, VIETNAMESE,
];

export function culture(id: CultureId): Culture {
  const c = CULTURES.find((x) => x.id === id);
  if (!c) throw new Error(`unknown culture ${id}`);
  return c;
}

/** Invented detention facilities, each with the state it is in and the field office (AOR) over it. */
export const FACILITIES: ReadonlyArray<{ name: string; state: string; aor: string }> = [
  { name: 'North Valley Processing Center', state: 'CA', aor: 'San Francisco' },
  { name: 'Juniper Flats Detention Facility', state: 'AZ', aor: 'Phoenix' },
  { name: 'Silver Lake Processing Center', state: 'TX', aor: 'Houston' },
  { name: 'Granite Hills Service Processing Center', state: 'TX', aor: 'El Paso' },
  { name: 'Tallgrass County Detention Center', state: 'TX', aor: 'San Antonio' },
  { name: 'Bluewater Contract Detention Facility', state: 'LA', aor: 'New Orleans' },
  { name: 'Sandhill Processing Center', state: 'GA', aor: 'Atlanta' },
  { name: 'Copper Basin Detention Facility', state: 'NM', aor: 'El Paso' },
  { name: 'Magnolia Bayou Processing Center', state: 'LA', aor: 'New Orleans' },
  { name: 'Harbor Point Detention Center', state: 'NJ', aor: 'Newark' },
  { name: 'Everglade Ridge Processing Center', state: 'FL', aor: 'Miami' },
];
