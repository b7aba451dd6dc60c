use spanlight::core::recognizer::{features::*, perceptron::*, tokens::toks};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let m = Model::from_bytes(&std::fs::read(&args[1]).unwrap()).unwrap();
    let text = &args[2];
    let target = &args[3];
    let t = toks(text);
    let tags = m.tag(&t);
    let fx = token_infos(&t);
    for (i, tok) in t.iter().enumerate() {
        if tok.text != target {
            continue;
        }
        let mut f = Vec::new();
        fx.static_feats(i, &mut f);
        let prev = if i > 0 { tags[i - 1] } else { 9 };
        let prev2 = if i > 1 { tags[i - 2] } else { 9 };
        dynamic_feats(&fx.infos[i], prev, prev2, &Default::default(), &mut f);
        let mut tot = [0f32; 5];
        for (k, x) in f.iter().enumerate() {
            if let Some(w) = m.weights_of(*x) {
                println!("feat#{k} {:?}", w.map(|v| (v * 100.0).round() / 100.0));
                for j in 0..5 {
                    tot[j] += w[j];
                }
            }
        }
        println!("{} prev={} tag={} total {:?}", tok.text, prev, tags[i], tot);
    }
}
