/** The people of the dialog tests: what each writes to book, in their own language. */

/** What a person writes, in their own language: everything in the first message, then what only they can say. */
export interface Person {
  /** What they want, their ZIP code (10001, New York), the reason (a green card never received), Thursday at 10 am. */
  first: string;
  name: string;
  /** 4 March 1980, written so that it reads one way only. */
  dateOfBirth: string;
  phone: string;
  /** Thursday at 10 in the morning, typed at the date question. */
  when: string;
  confirm: string;
}

export const PEOPLE: Readonly<Record<string, Person>> = {
  en: {
    first: 'Hi, I need an appointment about my green card that never arrived. I live in 10001, Thursday at 10am please',
    name: 'Mary Johnson',
    dateOfBirth: 'March 4, 1980',
    phone: '(212) 736-5000',
    when: 'Thursday at 10am',
    confirm: 'yes',
  },
  es: {
    first: 'Hola, necesito una cita porque nunca recibí mi green card. Vivo en el 10001, el jueves a las 10 de la mañana',
    name: 'María López',
    dateOfBirth: '4 de marzo de 1980',
    phone: '212 736 5000',
    when: 'el jueves a las 10 de la mañana',
    confirm: 'sí',
  },
  eo: {
    first: 'Saluton, mi bezonas rendevuon ĉar mi neniam ricevis mian verdan karton. Mi loĝas en 10001, ĵaŭdon je la 10-a matene',
    name: 'Petro Kovalski',
    dateOfBirth: '4 marto 1980',
    phone: '212-736-5000',
    when: 'ĵaŭdon je la 10-a matene',
    confirm: 'jes',
  },
  vi: {
    first: 'Tôi muốn đặt lịch hẹn vì chưa nhận được thẻ xanh. Tôi ở 10001, thứ Năm lúc 10 giờ sáng',
    name: 'Nguyễn Văn An',
    dateOfBirth: '4 tháng 3 năm 1980',
    phone: '(212) 736-5000',
    when: 'thứ Năm lúc 10 giờ sáng',
    confirm: 'đồng ý',
  },
  zh: {
    first: '我想预约，我的绿卡一直没收到。我住在10001，周四上午10点',
    name: '王小明',
    dateOfBirth: '1980年3月4日',
    phone: '212-736-5000',
    when: '周四上午10点',
    confirm: '确认',
  },
  tl: {
    first: 'Kailangan ko ng appointment kasi hindi ko natanggap ang green card ko. Nakatira ako sa 10001, Huwebes ng alas-10 ng umaga',
    name: 'Juan dela Cruz',
    dateOfBirth: 'Marso 4, 1980',
    phone: '(212) 736-5000',
    when: 'Huwebes ng alas-10 ng umaga',
    confirm: 'sige po',
  },
  ru: {
    first: 'Мне нужна запись: не пришла грин-карта. Живу в 10001, в четверг в 10 утра',
    name: 'Иван Петров',
    dateOfBirth: '4 марта 1980',
    phone: '212 736 5000',
    when: 'в четверг в 10 утра',
    confirm: 'подтверждаю',
  },
  pt: {
    first: 'Preciso de um agendamento porque nunca recebi meu green card. Moro no 10001, quinta às 10h',
    name: 'João Silva',
    dateOfBirth: '4 de março de 1980',
    phone: '(212) 736-5000',
    when: 'quinta às 10h',
    confirm: 'sim',
  },
  fr: {
    first: "Je voudrais un rendez-vous, je n'ai jamais reçu ma carte verte. J'habite au 10001, jeudi à 10h",
    name: 'Marie Dubois',
    dateOfBirth: '4 mars 1980',
    phone: '212 736 5000',
    when: 'jeudi à 10h',
    confirm: "d'accord",
  },
  ko: {
    first: '영주권을 받지 못해서 예약하고 싶어요. 우편번호는 10001이고 목요일 오전 10시요',
    name: '김민수',
    dateOfBirth: '1980년 3월 4일',
    phone: '212-736-5000',
    when: '목요일 오전 10시',
    confirm: '네',
  },
  pl: {
    first: 'Potrzebuję wizyty, bo nie dostałem zielonej karty. Mieszkam pod 10001, w czwartek o 10 rano',
    name: 'Anna Kowalska',
    dateOfBirth: '4 marca 1980',
    phone: '(212) 736-5000',
    when: 'w czwartek o 10 rano',
    confirm: 'potwierdzam',
  },
  ar: {
    first: 'أريد موعدا لأنني لم أستلم البطاقة الخضراء. أسكن في 10001، الخميس الساعة 10 صباحا',
    name: 'محمد أحمد',
    dateOfBirth: '4 مارس 1980',
    phone: '212 736 5000',
    when: 'الخميس الساعة 10 صباحا',
    confirm: 'نعم',
  },
  ht: {
    first: 'Bonjou, mwen bezwen yon randevou paske mwen pa janm resevwa kat vèt mwen. Mwen rete nan 10001, jedi a 10è di maten',
    name: 'Jean Baptiste',
    dateOfBirth: '4 mas 1980',
    phone: '(212) 736-5000',
    when: 'jedi a 10è di maten',
    confirm: 'dakò',
  },
};
