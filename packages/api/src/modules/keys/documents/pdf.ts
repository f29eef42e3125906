import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Language } from '@civic/shared/common';
import { SIGNATURE_BOX, type Signature } from '@civic/shared/keys';

/**
 * The signed key agreement and the return receipt as plain PDF documents. DejaVu Sans is embedded
 * (subset), so the names of people from anywhere (Ä Å Ł Ş Ő ễ Я …) print as written; a character
 * the font lacks is replaced rather than failing the signing.
 */
const require = createRequire(import.meta.url);
const FONTS = {
  regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};

const LABELS = {
  fi: {
    title: 'Avainsopimus',
    receipt: 'Avainten palautuskuitti',
    agreement: 'Sopimus',
    site: 'Kohde',
    association: 'Yhteisö',
    businessId: 'Y-tunnus',
    renter: 'Vuokralainen',
    contact: 'Yhteystiedot',
    handedOverBy: 'Luovuttaja',
    receivedBy: 'Vastaanottaja',
    keys: 'Avaimet',
    returned: 'Palautetut avaimet',
    lost: 'Kadonneiksi ilmoitetut avaimet',
    expectedReturn: 'Palautettava viimeistään',
    text: 'Sopimusehdot',
    template: 'Sopimuspohjan versio',
    signedAt: 'Allekirjoitettu',
    method: 'Allekirjoitustapa',
    in_person: 'paikan päällä luovuttajan laitteella',
    link: 'sähköpostilla lähetetyn kertakäyttölinkin kautta',
    visma_sign:
      'vahvalla sähköisellä tunnistautumisella Visma Signissa (pankkitunnukset tai mobiilivarmenne)',
    toBeSigned: 'Allekirjoitetaan Visma Signissa vahvalla sähköisellä tunnistautumisella.',
    seal: 'Asiakirjassa on Helsingin kaupungin sähköinen sinetti. PDF-lukija näyttää, onko tiedostoa muutettu sinetöinnin jälkeen.',
    signature: 'Allekirjoitus',
    returnedAt: 'Palautettu',
    none: '–',
  },
  sv: {
    title: 'Nyckelavtal',
    receipt: 'Kvitto på återlämnade nycklar',
    agreement: 'Avtal',
    site: 'Objekt',
    association: 'Förening',
    businessId: 'FO-nummer',
    renter: 'Hyresgäst',
    contact: 'Kontaktuppgifter',
    handedOverBy: 'Utlämnad av',
    receivedBy: 'Mottagen av',
    keys: 'Nycklar',
    returned: 'Återlämnade nycklar',
    lost: 'Nycklar anmälda som förlorade',
    expectedReturn: 'Ska återlämnas senast',
    text: 'Avtalsvillkor',
    template: 'Avtalsmallens version',
    signedAt: 'Undertecknat',
    method: 'Sätt att underteckna',
    in_person: 'på plats på utlämnarens enhet',
    link: 'via en engångslänk per e-post',
    visma_sign: 'med stark elektronisk identifiering i Visma Sign (bankkoder eller mobilcertifikat)',
    toBeSigned: 'Undertecknas i Visma Sign med stark elektronisk identifiering.',
    seal: 'Dokumentet har Helsingfors stads elektroniska sigill. PDF-läsaren visar om filen har ändrats efter att den förseglades.',
    signature: 'Underskrift',
    returnedAt: 'Återlämnat',
    none: '–',
  },
  en: {
    title: 'Key agreement',
    receipt: 'Key return receipt',
    agreement: 'Agreement',
    site: 'Site',
    association: 'Association',
    businessId: 'Business ID',
    renter: 'Renter',
    contact: 'Contact',
    handedOverBy: 'Handed over by',
    receivedBy: 'Received by',
    keys: 'Keys',
    returned: 'Keys returned',
    lost: 'Keys reported lost',
    expectedReturn: 'To be returned by',
    text: 'Terms of the agreement',
    template: 'Template version',
    signedAt: 'Signed',
    method: 'Signing method',
    in_person: "in person on the site manager's device",
    link: 'through a one-time link sent by e-mail',
    visma_sign: 'with strong electronic identification at Visma Sign (bank ID or mobile ID)',
    toBeSigned: 'To be signed at Visma Sign with strong electronic identification.',
    seal: "This document carries the City of Helsinki's electronic seal. A PDF reader shows whether the file was changed after it was sealed.",
    signature: 'Signature',
    returnedAt: 'Returned',
    none: '–',
  },
} satisfies Record<Language, Record<string, string>>;

export function formatHelsinkiTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-FI`, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-FI`, {
    timeZone: 'UTC',
    dateStyle: 'medium',
  }).format(new Date(`${date}T00:00:00Z`));
}

const MARGIN = 56;
const PAGE = { width: 595.28, height: 841.89 }; // A4

class Writer {
  private page: PDFPage;
  private y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  /**
   * Characters the font cannot encode become '?', so odd input never breaks a signing. Applied to
   * one line at a time: line breaks are layout, never characters to print.
   */
  private safe(text: string, font: PDFFont): string {
    const supported = new Set(font.getCharacterSet());
    return [...text.normalize('NFC')].map((c) => (supported.has(c.codePointAt(0)!) ? c : '?')).join('');
  }

  private ensure(height: number) {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage([PAGE.width, PAGE.height]);
      this.y = PAGE.height - MARGIN;
    }
  }

  /**
   * Lays out text as written: a blank line starts a new paragraph, a single line break stays a
   * line break, and a line that begins with a number ("1.", "2)") or a bullet ("-", "•") is a
   * list item whose wrapped lines hang under its text. Long words are broken to fit the line.
   */
  text(text: string, opts: { size?: number; bold?: boolean; gap?: number } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const maxWidth = PAGE.width - 2 * MARGIN;
    const lineHeight = size * 1.4;
    const paragraphs = text
      .replace(/\r\n?/g, '\n')
      .split(/\n[ \t]*\n+/)
      .map((p) => p.replace(/^\n+|\n+$/g, ''))
      .filter((p) => p.trim() !== '');
    paragraphs.forEach((paragraph, index) => {
      if (index > 0) this.y -= size * 0.6;
      for (const rawLine of paragraph.split('\n')) {
        const line = this.safe(rawLine.replace(/\t/g, ' ').trimEnd(), font);
        const item = /^(\s*(?:\d+[.)]|[a-zA-Z][.)]|[-•*–]))\s+/.exec(line);
        const prefix = item ? `${item[1]!.trim()} ` : '';
        const indent = item ? font.widthOfTextAtSize(prefix, size) : 0;
        const words = (item ? line.slice(item[0].length) : line).split(/\s+/).filter(Boolean);
        let current = prefix;
        let x = MARGIN;
        const flush = () => {
          this.ensure(lineHeight);
          this.page.drawText(current, { x, y: this.y - size, size, font, color: rgb(0, 0, 0) });
          this.y -= lineHeight;
          current = '';
          x = MARGIN + indent;
        };
        const width = () => maxWidth - (x - MARGIN);
        for (let word of words) {
          // A word wider than a whole line is cut into pieces that fit.
          while (font.widthOfTextAtSize(word, size) > maxWidth - indent) {
            if (current.trim()) flush();
            let cut = word.length - 1;
            while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > width()) cut--;
            current = word.slice(0, cut);
            flush();
            word = word.slice(cut);
          }
          const candidate = current && current !== prefix ? `${current} ${word}` : `${current}${word}`;
          if (font.widthOfTextAtSize(candidate, size) > width() && current.trim()) {
            flush();
            current = word;
          } else current = candidate;
        }
        flush();
      }
    });
    this.y -= opts.gap ?? 2;
  }

  field(label: string, value: string) {
    this.text(`${label}: ${value}`);
  }

  gap(points: number) {
    this.y -= points;
  }

  signature(sig: Signature) {
    const width = 250;
    const scale = width / SIGNATURE_BOX.width;
    const height = SIGNATURE_BOX.height * scale;
    this.ensure(height + 10);
    const top = this.y;
    this.page.drawRectangle({
      x: MARGIN,
      y: top - height,
      width,
      height,
      borderColor: rgb(0.6, 0.6, 0.6),
      borderWidth: 0.5,
    });
    for (const stroke of sig.strokes) {
      for (let i = 1; i < stroke.length; i++) {
        const [x0, y0] = stroke[i - 1]!;
        const [x1, y1] = stroke[i]!;
        this.page.drawLine({
          start: { x: MARGIN + x0 * scale, y: top - y0 * scale },
          end: { x: MARGIN + x1 * scale, y: top - y1 * scale },
          thickness: 1.2,
          color: rgb(0.05, 0.1, 0.4),
        });
      }
    }
    this.y = top - height - 8;
  }
}

async function newDocument(title: string, subject: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setSubject(subject);
  doc.setProducer('Civic services');
  doc.setCreator('Civic services');
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(FONTS.regular, { subset: true });
  const bold = await doc.embedFont(FONTS.bold, { subset: true });
  return { doc, writer: new Writer(doc, font, bold) };
}

export interface PdfParties {
  id: string;
  number: string;
  language: Language;
  site: { name: string; address: string };
  association: { name: string; businessId: string | null };
  renter: { name: string; email: string | null; phone: string | null };
  staff: string;
}

function header(w: Writer, l: (typeof LABELS)[Language], title: string, p: PdfParties) {
  w.text(title, { size: 18, bold: true, gap: 6 });
  w.field(l.agreement, `${p.number} (${p.id})`);
  w.field(l.site, `${p.site.name}, ${p.site.address}`);
  w.field(
    l.association,
    p.association.businessId
      ? `${p.association.name} (${l.businessId} ${p.association.businessId})`
      : p.association.name,
  );
  w.field(l.renter, p.renter.name);
  w.field(l.contact, [p.renter.email, p.renter.phone].filter(Boolean).join(', ') || l.none);
}

export type PdfSigningMethod = 'in_person' | 'link' | 'visma_sign';

/**
 * The key agreement. With a drawn signature it is the signed agreement; without one (strong
 * signature at Visma Sign) it is the document sent to be signed there.
 */
export async function signedAgreementDocument(
  input: PdfParties & {
    keys: { code: string; opens: string }[];
    text: string;
    templateVersion: number;
    expectedReturnDate: string;
    signedAt: Date | null;
    signingMethod: PdfSigningMethod;
    signedName: string | null;
    signature: Signature | null;
  },
): Promise<PDFDocument> {
  const l = LABELS[input.language];
  const { doc, writer: w } = await newDocument(`${l.title} ${input.number}`, input.id);
  header(w, l, l.title, input);
  w.field(l.handedOverBy, input.staff);
  w.gap(6);
  w.text(l.keys, { bold: true });
  for (const key of input.keys) w.text(`• ${key.code}: ${key.opens}`);
  w.field(l.expectedReturn, formatDate(input.expectedReturnDate, input.language));
  w.gap(6);
  w.text(`${l.text} (${l.template} ${input.templateVersion})`, { bold: true });
  w.text(input.text, { size: 9.5 });
  w.gap(8);
  if (input.signedAt) w.field(l.signedAt, formatHelsinkiTime(input.signedAt, input.language));
  w.field(l.method, l[input.signingMethod]);
  if (input.signature) {
    w.text(`${l.signature}: ${input.signedName ?? ''}`, { bold: true });
    w.signature(input.signature);
  } else if (input.signingMethod === 'visma_sign') w.text(l.toBeSigned, { bold: true });
  w.gap(8);
  w.text(l.seal, { size: 8 });
  const at = input.signedAt ?? new Date();
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc;
}

export async function returnReceiptDocument(
  input: PdfParties & {
    returned: { code: string; opens: string }[];
    lost: { code: string; opens: string; note: string }[];
    returnedAt: Date;
    signedName: string | null;
    signature: Signature | null;
  },
): Promise<PDFDocument> {
  const l = LABELS[input.language];
  const { doc, writer: w } = await newDocument(`${l.receipt} ${input.number}`, input.id);
  header(w, l, l.receipt, input);
  w.field(l.receivedBy, input.staff);
  w.field(l.returnedAt, formatHelsinkiTime(input.returnedAt, input.language));
  w.gap(6);
  if (input.returned.length) {
    w.text(l.returned, { bold: true });
    for (const key of input.returned) w.text(`• ${key.code}: ${key.opens}`);
  }
  if (input.lost.length) {
    w.text(l.lost, { bold: true });
    for (const key of input.lost) w.text(`• ${key.code}: ${key.opens} (${key.note})`);
  }
  if (input.signature) {
    w.gap(6);
    w.text(`${l.signature}: ${input.signedName ?? ''}`, { bold: true });
    w.signature(input.signature);
  }
  w.gap(8);
  w.text(l.seal, { size: 8 });
  doc.setCreationDate(input.returnedAt);
  doc.setModificationDate(input.returnedAt);
  return doc;
}
