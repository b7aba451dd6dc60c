// A long wire-style article for benchmarks, made by varying a few paragraphs of our own.
const PARAS = [
  'GENEVA (Wire) — Foreign ministers from {n} countries met in Geneva on Tuesday to press for a ceasefire in northern Syria, where more than {big} people have fled their homes since March {d}.',
  'U.S. Secretary of State John Kerry said after {w} hours of talks that Washington and Moscow had agreed on a first step and that a second meeting would follow in Vienna within two weeks.',
  'Russian Foreign Minister Sergei Lavrov told reporters the plan would cost about ${m} billion over the next {n} months, of which the European Union has pledged €1.5 billion.',
  'Aid groups in Aleppo said prices for flour had risen {n} per cent this year. "We feed twenty-one hundred families a day," said Dr. Amira Haddad, who runs a clinic near the Turkish border.',
  'Turkey, which hosts 2.7 million refugees, has asked for {big} euros in extra support. German Chancellor Angela Merkel is expected to visit Ankara on April {d}, her third trip to the region in 2016.',
];
const WORDS = ['three', 'seven', 'twelve', 'forty'];

export const ARTICLE_WORDS = (text) => text.split(/\s+/).filter(Boolean).length;

export function longArticle(words) {
  const out = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = PARAS[i % PARAS.length]
      .replaceAll('{n}', String(10 + (i * 7) % 90))
      .replaceAll('{big}', `${(i * 1373) % 90 + 10},000`)
      .replaceAll('{d}', String(1 + (i % 28)))
      .replaceAll('{w}', WORDS[i % WORDS.length])
      .replaceAll('{m}', `${1 + (i % 9)}.${i % 10}`);
    out.push(p);
    count += ARTICLE_WORDS(p);
  }
  return out.join('\n\n');
}
