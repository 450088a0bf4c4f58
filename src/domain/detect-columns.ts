/**
 * Which column plays which role: first from the header names (English, Spanish, Portuguese, Dutch),
 * checked against the values, then from the values alone for the roles still open.
 */
import { emptyMapping, ROLES, type ColumnMapping, type Role } from './settings';
import { detectDateFormat, looksLikeDate } from './dates';
import { looksLikeNumber } from './numbers';

/** Whole header names (normalised: lowercase, no accents, no separators) per role. */
const NAMES: Record<Role, string[]> = {
  customer: [
    'customer', 'customerid', 'customerno', 'customernr', 'customernumber', 'customercode', 'custid', 'custno',
    'client', 'clientid', 'clientno', 'clientnumber', 'clientcode', 'buyer', 'buyerid', 'userid', 'accountid',
    'memberid', 'shopper', 'shopperid',
    'cliente', 'idcliente', 'clienteid', 'codigocliente', 'codcliente', 'numerocliente', 'nrocliente', 'numcliente',
    'consumidor', 'idconsumidor', 'comprador', 'idcomprador',
    'klant', 'klantid', 'klantnummer', 'klantnr', 'klantcode', 'debiteur', 'debiteurnummer', 'relatienummer',
  ],
  order: [
    'order', 'orderid', 'orderno', 'ordernr', 'ordernumber', 'ordercode', 'invoice', 'invoiceid', 'invoiceno',
    'invoicenr', 'invoicenumber', 'transaction', 'transactionid', 'transactionno', 'txid', 'receipt', 'receiptid',
    'receiptno', 'basketid', 'pedido', 'idpedido', 'numeropedido', 'nropedido', 'numpedido', 'codigopedido',
    'factura', 'idfactura', 'numerofactura', 'nrofactura', 'numfactura', 'fatura', 'numerofatura', 'idfatura',
    'nota', 'notafiscal', 'numeronota', 'bestelling', 'bestelnummer', 'bestelnr', 'bestellingid', 'ordernummer',
    'factuur', 'factuurnummer', 'factuurnr', 'bonnummer', 'transactie', 'transactienummer',
  ],
  date: [
    'date', 'orderdate', 'invoicedate', 'transactiondate', 'purchasedate', 'saledate', 'salesdate', 'datetime',
    'timestamp', 'orderdatetime', 'orderedat', 'createdat', 'day',
    'fecha', 'fechapedido', 'fechafactura', 'fechacompra', 'fechaventa', 'fechaorden',
    'data', 'datapedido', 'datacompra', 'datavenda', 'dataemissao', 'datafatura', 'datanota',
    'datum', 'besteldatum', 'orderdatum', 'factuurdatum', 'aankoopdatum', 'transactiedatum', 'verkoopdatum',
  ],
  amount: [
    'amount', 'dollarvalue', 'revenue', 'sales', 'sale', 'total', 'totalamount', 'amounttotal', 'value',
    'ordervalue', 'ordertotal', 'ordertotalamount', 'orderamount', 'linetotal', 'lineamount', 'totalprice',
    'netamount', 'grossamount', 'totalsales', 'spend', 'payment', 'turnover', 'totalvalue',
    'importe', 'importetotal', 'monto', 'montototal', 'valor', 'valortotal', 'venta', 'ventas',
    'receita', 'faturamento', 'valorpedido', 'valorcompra', 'valorvenda',
    'bedrag', 'totaalbedrag', 'totaal', 'omzet', 'waarde', 'orderbedrag', 'factuurbedrag',
  ],
  quantity: [
    'quantity', 'qty', 'numberofcds', 'units', 'unitssold', 'pieces', 'items', 'numberofitems',
    'cantidad', 'unidades', 'quantidade', 'qtd', 'qtde', 'aantal', 'stuks', 'aantalstuks',
  ],
  unitPrice: [
    'unitprice', 'price', 'priceeach', 'priceperunit', 'itemprice', 'saleprice', 'sellingprice',
    'precio', 'preciounitario', 'preco', 'precounitario', 'valorunitario', 'precoun',
    'prijs', 'stukprijs', 'eenheidsprijs', 'verkoopprijs', 'prijsperstuk',
  ],
  cost: [
    'cost', 'costs', 'cogs', 'totalcost', 'costprice', 'unitcost', 'purchaseprice', 'purchasecost',
    'coste', 'costes', 'costo', 'costos', 'custo', 'custos', 'custototal',
    'kosten', 'kostprijs', 'inkoopprijs', 'inkoopwaarde', 'kostenprijs',
  ],
  profit: [
    'profit', 'margin', 'grossprofit', 'grossmargin', 'netprofit',
    'beneficio', 'ganancia', 'margen', 'lucro', 'margem', 'lucrobruto',
    'winst', 'marge', 'brutowinst',
  ],
};

/** Single words inside a longer name (`order_date` → order, date) per role; weaker evidence than a whole name. */
const WORDS: Record<Role, string[]> = {
  customer: ['customer', 'client', 'cliente', 'klant', 'consumidor', 'comprador', 'cust', 'buyer'],
  order: ['order', 'invoice', 'transaction', 'pedido', 'factura', 'fatura', 'bestelling', 'factuur', 'receipt'],
  date: ['date', 'fecha', 'data', 'datum', 'day', 'datetime', 'timestamp'],
  amount: ['amount', 'revenue', 'sales', 'total', 'value', 'importe', 'monto', 'valor', 'bedrag', 'omzet', 'waarde', 'totaal'],
  quantity: ['quantity', 'qty', 'cantidad', 'quantidade', 'aantal', 'units'],
  unitPrice: ['price', 'precio', 'preco', 'prijs', 'unitario'],
  cost: ['cost', 'cogs', 'coste', 'costo', 'custo', 'kosten', 'kostprijs'],
  profit: ['profit', 'margin', 'beneficio', 'lucro', 'winst', 'marge', 'margen', 'margem'],
};

/** Dutch compounds are written as one word: a name ending in one of these takes the role. */
const SUFFIXES: [string, Role][] = [
  ['datum', 'date'], ['bedrag', 'amount'], ['prijs', 'unitPrice'], ['kosten', 'cost'],
];

const NUMERIC_ROLES: ReadonlySet<Role> = new Set(['amount', 'quantity', 'unitPrice', 'cost', 'profit']);

/** Lowercase, accents stripped. */
function fold(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A header name normalised for matching: lowercase, no accents, separators removed. */
function normalise(name: string): string {
  return fold(name).replace(/[^a-z0-9]/g, '');
}

/** The words of a header name: split on separators and on lower-to-upper case changes (`InvoiceDate`). */
function wordsOf(name: string): string[] {
  const spaced = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return spaced.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** How strongly a header name suggests each role: 100 for a whole known name, less for a word or a suffix. */
function nameScores(name: string): Partial<Record<Role, number>> {
  const scores: Partial<Record<Role, number>> = {};
  const whole = normalise(name);
  if (whole === '') return scores;
  const words = wordsOf(name);
  for (const role of ROLES) {
    let score = 0;
    if (NAMES[role].includes(whole)) score = 100;
    else {
      words.forEach((w, i) => {
        if (!WORDS[role].includes(w)) return;
        // The last word usually names the thing in English and Dutch (`order_date`), the first in Spanish and
        // Portuguese (`fecha_pedido`); the values settle the rest.
        const s = 60 + (i === words.length - 1 ? 4 : 0) + (i === 0 ? 2 : 0) + (w === 'total' ? 6 : 0);
        score = Math.max(score, s);
      });
      for (const [suffix, r] of SUFFIXES) {
        if (r === role && whole.endsWith(suffix) && whole.length > suffix.length) score = Math.max(score, 40);
      }
    }
    if (score > 0) scores[role] = score;
  }
  return scores;
}

/** The role a header name clearly stands for (a whole known name or a known word in it), or null. */
export function roleOfHeader(name: string): Role | null {
  let best: Role | null = null;
  let bestScore = 0;
  for (const [role, score] of Object.entries(nameScores(name)) as [Role, number][]) {
    if (score >= 60 && score > bestScore) [best, bestScore] = [role, score];
  }
  return best;
}

/** What the values of one column look like. */
interface Profile {
  filled: string[];
  distinct: number;
  dateShare: number;
  allDates: boolean;
  numberShare: number;
  /** Share of the numbers with a fractional part other than zero (`11.77`, not `17850.0`). */
  fractionShare: number;
  /** Share of the values without a space (codes and ids rather than prose). */
  compactShare: number;
}

/** True for a number with a non-zero fractional part (`11.77`, `12,5`); `17850.0` and `1,234` are whole. */
function hasFraction(value: string): boolean {
  const m = /[.,](\d+)\D*$/.exec(value);
  return m !== null && !/^0+$/.test(m[1]) && m[1].length !== 3;
}

function profile(values: string[]): Profile {
  const filled = values.map((v) => (v ?? '').trim()).filter((v) => v !== '');
  const n = filled.length || 1;
  const numbers = filled.filter(looksLikeNumber);
  const dates = filled.filter(looksLikeDate);
  return {
    filled,
    distinct: new Set(filled).size,
    dateShare: dates.length / n,
    allDates: filled.length > 0 && detectDateFormat(filled).candidates.length > 0,
    numberShare: numbers.length / n,
    fractionShare: numbers.filter(hasFraction).length / (numbers.length || 1),
    compactShare: filled.filter((v) => !/\s/.test(v)).length / n,
  };
}

/** False when the values rule the role out (a date role needs dates; number roles need numbers; ids are not dates). */
function fits(role: Role, p: Profile): boolean {
  if (p.filled.length === 0) return true;
  if (role === 'date') return p.dateShare >= 0.8;
  if (p.dateShare >= 0.8) return false;
  if (NUMERIC_ROLES.has(role)) return p.numberShare >= 0.8;
  return true;
}

/**
 * Guesses the column of each role from the header names and the first rows (rows[i][j] = value of
 * columns[j]). A column takes at most one role. Roles left open after the names are filled from the values:
 * the date column, an id-like customer column with many distinct values, and a decimal amount column
 * (unless quantity and unit price already give the amount).
 */
export function guessMapping(columns: string[], rows: string[][]): ColumnMapping {
  const mapping = emptyMapping();
  const profiles = columns.map((_, j) => profile(rows.map((r) => r[j] ?? '')));
  const taken = new Set<number>();

  const offers: { role: Role; col: number; score: number }[] = [];
  columns.forEach((name, col) => {
    for (const [role, score] of Object.entries(nameScores(name)) as [Role, number][]) {
      if (fits(role, profiles[col])) offers.push({ role, col, score });
    }
  });
  offers.sort((a, b) => b.score - a.score || ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.col - b.col);
  for (const { role, col } of offers) {
    if (mapping[role] !== null || taken.has(col)) continue;
    mapping[role] = columns[col];
    taken.add(col);
  }

  const open = () => columns.map((_, j) => j).filter((j) => !taken.has(j) && profiles[j].filled.length > 0);
  const assign = (role: Role, col: number | undefined) => {
    if (col === undefined) return;
    mapping[role] = columns[col];
    taken.add(col);
  };

  if (mapping.date === null) assign('date', open().find((j) => profiles[j].allDates));

  if (mapping.customer === null) {
    const ids = open().filter((j) => {
      const p = profiles[j];
      return p.dateShare < 0.8 && p.distinct >= 2 && (p.numberShare < 0.8 || p.fractionShare === 0);
    });
    ids.sort((a, b) => {
      const pa = profiles[a];
      const pb = profiles[b];
      return Number(pb.compactShare >= 0.9) - Number(pa.compactShare >= 0.9) || pb.distinct - pa.distinct || a - b;
    });
    assign('customer', ids[0]);
  }

  if (mapping.amount === null && !(mapping.quantity !== null && mapping.unitPrice !== null)) {
    const amounts = open().filter((j) => profiles[j].numberShare >= 0.8 && profiles[j].dateShare < 0.8);
    amounts.sort((a, b) => {
      const pa = profiles[a];
      const pb = profiles[b];
      return pb.fractionShare - pa.fractionShare || pb.distinct - pa.distinct || a - b;
    });
    const best = amounts[0];
    if (best !== undefined && profiles[best].fractionShare > 0) assign('amount', best);
  }
  return mapping;
}
