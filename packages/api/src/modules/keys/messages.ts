import type { Language } from '@civic/shared/common';

/** E-mails to renters, in the language they read the agreement in. */
export const RENTER_MAIL = {
  fi: {
    linkSubject: (n: string) => `Avainsopimus ${n} odottaa allekirjoitustasi`,
    linkBody: (name: string, site: string, url: string, expires: string) =>
      `Hei ${name},\n\nkohteen ${site} avainsopimus odottaa allekirjoitustasi. Avaa sopimus, tarkista tiedot ja allekirjoita:\n\n${url}\n\nLinkki on henkilökohtainen, toimii kerran ja vanhenee ${expires}.\n\nHelsingin kaupunki`,
    strongSigningSubject: (n: string) => `Allekirjoita avainsopimus ${n} vahvalla tunnistautumisella`,
    strongSigningBody: (name: string, site: string, url: string, expires: string) =>
      `Hei ${name},\n\nkohteen ${site} avainsopimus allekirjoitetaan Visma Signissa pankkitunnuksilla tai mobiilivarmenteella. Saat Visma Signilta erillisen kutsun sähköpostiisi.\n\nAllekirjoituksen jälkeen voit tarkistaa sopimuksen tilan tästä: ${url}\n\nAllekirjoita ${expires} mennessä.\n\nHelsingin kaupunki`,
    signedSubject: (n: string) => `Allekirjoitettu avainsopimus ${n}`,
    signedBody: (name: string, site: string) =>
      `Hei ${name},\n\nkiitos, avainsopimus kohteeseen ${site} on allekirjoitettu. Sopimus on tämän viestin liitteenä.\n\nHelsingin kaupunki`,
    receiptSubject: (n: string) => `Avainten palautuskuitti ${n}`,
    receiptBody: (name: string, site: string) =>
      `Hei ${name},\n\nkohteen ${site} avainten palautus on kirjattu. Kuitti on liitteenä.\n\nHelsingin kaupunki`,
    dueSoonSubject: (n: string) => `Muistutus: avaimet palautettava pian (${n})`,
    overdueSubject: (n: string) => `Avainten palautus on myöhässä (${n})`,
    reminderBody: (name: string, site: string, codes: string, date: string, overdue: boolean) =>
      `Hei ${name},\n\n${overdue ? 'avainten palautuspäivä on ohitettu' : 'avainten palautuspäivä lähestyy'}: ${date}.\nKohde: ${site}\nAvaimet: ${codes}\n\nPalauta avaimet kohdevastaavalle.\n\nHelsingin kaupunki`,
  },
  sv: {
    linkSubject: (n: string) => `Nyckelavtal ${n} väntar på din underskrift`,
    linkBody: (name: string, site: string, url: string, expires: string) =>
      `Hej ${name},\n\nnyckelavtalet för ${site} väntar på din underskrift. Öppna avtalet, kontrollera uppgifterna och underteckna:\n\n${url}\n\nLänken är personlig, fungerar en gång och går ut ${expires}.\n\nHelsingfors stad`,
    strongSigningSubject: (n: string) => `Underteckna nyckelavtal ${n} med stark identifiering`,
    strongSigningBody: (name: string, site: string, url: string, expires: string) =>
      `Hej ${name},\n\nnyckelavtalet för ${site} undertecknas i Visma Sign med bankkoder eller mobilcertifikat. Du får en separat inbjudan från Visma Sign per e-post.\n\nEfter underskriften kan du se avtalets status här: ${url}\n\nUnderteckna senast ${expires}.\n\nHelsingfors stad`,
    signedSubject: (n: string) => `Undertecknat nyckelavtal ${n}`,
    signedBody: (name: string, site: string) =>
      `Hej ${name},\n\ntack, nyckelavtalet för ${site} är undertecknat. Avtalet finns som bilaga.\n\nHelsingfors stad`,
    receiptSubject: (n: string) => `Kvitto på återlämnade nycklar ${n}`,
    receiptBody: (name: string, site: string) =>
      `Hej ${name},\n\nåterlämningen av nycklarna till ${site} har registrerats. Kvittot finns som bilaga.\n\nHelsingfors stad`,
    dueSoonSubject: (n: string) => `Påminnelse: nycklarna ska snart återlämnas (${n})`,
    overdueSubject: (n: string) => `Nycklarna är inte återlämnade i tid (${n})`,
    reminderBody: (name: string, site: string, codes: string, date: string, overdue: boolean) =>
      `Hej ${name},\n\n${overdue ? 'sista dagen för återlämning har passerat' : 'sista dagen för återlämning närmar sig'}: ${date}.\nObjekt: ${site}\nNycklar: ${codes}\n\nÅterlämna nycklarna till objektansvarig.\n\nHelsingfors stad`,
  },
  en: {
    linkSubject: (n: string) => `Key agreement ${n} is waiting for your signature`,
    linkBody: (name: string, site: string, url: string, expires: string) =>
      `Hello ${name},\n\nthe key agreement for ${site} is waiting for your signature. Open it, check the details and sign:\n\n${url}\n\nThe link is personal, works once and expires ${expires}.\n\nCity of Helsinki`,
    strongSigningSubject: (n: string) => `Sign key agreement ${n} with strong identification`,
    strongSigningBody: (name: string, site: string, url: string, expires: string) =>
      `Hello ${name},\n\nthe key agreement for ${site} is signed at Visma Sign with your bank ID or mobile ID. Visma Sign sends you a separate invitation by e-mail.\n\nAfter signing you can check the agreement here: ${url}\n\nPlease sign by ${expires}.\n\nCity of Helsinki`,
    signedSubject: (n: string) => `Signed key agreement ${n}`,
    signedBody: (name: string, site: string) =>
      `Hello ${name},\n\nthank you, the key agreement for ${site} is signed. The agreement is attached.\n\nCity of Helsinki`,
    receiptSubject: (n: string) => `Key return receipt ${n}`,
    receiptBody: (name: string, site: string) =>
      `Hello ${name},\n\nthe return of keys to ${site} has been recorded. The receipt is attached.\n\nCity of Helsinki`,
    dueSoonSubject: (n: string) => `Reminder: keys are due back soon (${n})`,
    overdueSubject: (n: string) => `Keys are overdue (${n})`,
    reminderBody: (name: string, site: string, codes: string, date: string, overdue: boolean) =>
      `Hello ${name},\n\n${overdue ? 'the return date has passed' : 'the return date is near'}: ${date}.\nSite: ${site}\nKeys: ${codes}\n\nPlease return the keys to the site manager.\n\nCity of Helsinki`,
  },
} satisfies Record<Language, Record<string, unknown>>;

/** E-mails to city staff about their agreements. */
export const STAFF_MAIL = {
  fi: {
    declinedSubject: (n: string) => `Avainsopimus ${n} hylättiin`,
    declinedBody: (n: string, renter: string, reason: string) =>
      `Vuokralainen ${renter} hylkäsi avainsopimuksen ${n}.\n\nSyy: ${reason}\n\nAvaimet on vapautettu lainattaviksi. Älä luovuta niitä tämän sopimuksen perusteella.`,
    signingFailedSubject: (n: string) => `Avainsopimusta ${n} ei voitu lähettää Visma Signiin`,
    signingFailedBody: (n: string, problem: string) =>
      `Avainsopimuksen ${n} allekirjoituspyyntö ei mennyt perille Visma Signiin.\n\nSyy: ${problem}\n\nAvaimet ovat yhä varattuina. Lähetä sopimus uudelleen, valitse toinen allekirjoitustapa tai peru sopimus.`,
  },
  sv: {
    declinedSubject: (n: string) => `Nyckelavtal ${n} avböjdes`,
    declinedBody: (n: string, renter: string, reason: string) =>
      `Hyresgästen ${renter} avböjde nyckelavtal ${n}.\n\nOrsak: ${reason}\n\nNycklarna är lediga för utlåning igen. Lämna inte ut dem enligt det här avtalet.`,
    signingFailedSubject: (n: string) => `Nyckelavtal ${n} kunde inte skickas till Visma Sign`,
    signingFailedBody: (n: string, problem: string) =>
      `Begäran om underskrift för nyckelavtal ${n} nådde inte Visma Sign.\n\nOrsak: ${problem}\n\nNycklarna är fortfarande reserverade. Skicka avtalet igen, välj ett annat sätt att underteckna eller återkalla avtalet.`,
  },
  en: {
    declinedSubject: (n: string) => `Key agreement ${n} was declined`,
    declinedBody: (n: string, renter: string, reason: string) =>
      `The renter ${renter} declined key agreement ${n}.\n\nReason: ${reason}\n\nThe keys are free to lend again. Do not hand them over under this agreement.`,
    signingFailedSubject: (n: string) => `Key agreement ${n} could not be sent to Visma Sign`,
    signingFailedBody: (n: string, problem: string) =>
      `The signing request of key agreement ${n} did not reach Visma Sign.\n\nReason: ${problem}\n\nThe keys are still reserved. Send the agreement again, choose another way to sign, or cancel the agreement.`,
  },
} satisfies Record<Language, Record<string, unknown>>;
