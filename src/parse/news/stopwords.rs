//! Capitalized words that are not names: Indonesian function words (which start sentences),
//! titles and roles that precede names (`Presiden`, `CEO`), and calendar words.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

#[rustfmt::skip]
const WORDS: &[&str] = &[
    // function words, pronouns and sentence openers
    "ada", "adalah", "agar", "akan", "akhirnya", "aku", "anda", "antara", "apa", "apabila", "atas",
    "atau", "bagi", "bahkan", "bahwa", "baik", "banyak", "beberapa", "begitu", "belum",
    "berdasarkan", "bersama", "bila", "bukan", "cara", "dalam", "dan", "dari", "demikian",
    "dengan", "di", "dia", "diri", "dulu", "hal", "hanya", "hari", "harus", "hingga", "ia", "ini",
    "itu", "jadi", "jika", "juga", "kalau", "kami", "kamu", "karena", "kata", "ke", "kemudian",
    "kepada", "ketika", "kini", "kita", "lalu", "lagi", "maka", "masih", "menurut", "mereka",
    "meski", "meskipun", "mulai", "namun", "nanti", "oleh", "pada", "para", "pihak", "pun", "saat",
    "saja", "sama", "sampai", "sang", "saya", "sebab", "sebagai", "sebelum", "sebelumnya",
    "secara", "sedang", "sedangkan", "sejak", "sekarang", "selain", "selama", "seluruh", "semua",
    "sementara", "sempat", "serta", "seperti", "setelah", "sudah", "tak", "tapi", "tentang",
    "terhadap", "tetapi", "tidak", "untuk", "usai", "walau", "yaitu", "yakni", "yang", "kalian",
    "beliau", "begini", "inilah", "itulah", "sehingga", "sebuah", "seorang", "tahun", "bulan",
    "pekan", "minggu", "tersebut", "kedua", "ketiga", "pertama", "sekitar", "hampir", "lebih",
    "paling", "sangat", "tentu", "memang", "tetap", "bagaimana", "mengapa", "kenapa", "kapan",
    "siapa", "dimana", "mana", "sejumlah", "sebanyak", "tagar", "berita", "foto", 
    "kredit", "video", "baca", "editor", "penulis", "reporter", "the", "of", "and",
    // common nouns that open sentences and organisation names
    "petani", "pedagang", "siswa", "polisi", "jaksa", "hakim", "sopir", "pengunjung", "wisatawan",
    "penumpang", "jamaah", "warganet", "pengelola", "petugas",
    // titles and roles before names
    "presiden", "wakil", "wapres", "menteri", "gubernur", "bupati", "wali", "walikota", "mantan",
    "ketua", "direktur", "utama", "kepala", "juru", "bicara", "sekretaris", "jenderal", "ceo",
    "founder", "pendiri", "bos", "ibu", "bapak", "pak", "bu", "negara", "kantor", "pelatih",
    "kapten", "kapolda", "kapolri", "kapolres", "kapolsek", "kombes", "irjen", "brigjen",
    "jenderal", "kolonel", "camat", "lurah", "anggota", "dirut", "komisaris", "dr", "prof", "haji",
    "hj", "tuan", "nyonya", "warga", "pemain", "penyerang", "kiper", "striker", "ketum", "sekjen",
    "kabid", "humas", "kasubdit", "kapuspen", "menko", "mendag", "menkeu",
    // ministry portfolios between a title and a name (`Menteri Perdagangan Enggartiasto`)
    "perdagangan", "keuangan", "perhubungan", "pertanian", "kesehatan", "pendidikan", "agama",
    "sosial", "pariwisata", "perindustrian", "pertahanan", "negeri", "luar",
    // administrative words before place names (`Kecamatan Manggala`, `Kota Jayapura`)
    "kecamatan", "kabupaten", "provinsi", "desa", "kelurahan", "kota",
    // calendar and clock
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "ahad", "januari", "februari", "maret",
    "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember",
    "wib", "wita", "wit", "pukul", "rp", "january", "february", "march", "may", "june", "july",
    "august", "october", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

// Words that make a name an organisation or a place, never a person's: a lone first or last
// name is not folded into a name holding one of them.
#[rustfmt::skip]
const NOT_PERSON: &[&str] = &[
    "dinas", "kementerian", "badan", "balai", "komisi", "direktorat", "pengadilan", "kejaksaan",
    "polda", "polres", "polrestabes", "polsek", "asosiasi", "bidang", "masjid", "universitas",
    "bank", "pemkot", "pemprov", "pemkab", "stasiun", "terminal", "bandara", "pasar", "taman",
    "sungai", "gunung", "pulau", "partai", "fraksi", "tim", "kantor", "gedung", "rumah", "sakit",
    "sekolah", "pt", "cv", "tbk", "indonesia", "raya", "timur", "barat", "utara", "selatan",
    "tengah", "nasional", "internasional", "international", "digital", "group", "grup",
    "festival", "piala", "liga", "undang", "kabinet", "persero", "stadion", "jalan", "lembah", "energi", "mineral", "sumber",
];

/// Whether a name holding `word` is an organisation or place rather than a person.
pub fn is_not_person(word: &str) -> bool {
    word.split('-')
        .any(|part| NOT_PERSON.contains(&part.to_lowercase().as_str()))
}

/// Whether `word` (any case) is never a name on its own.
pub fn is_stopword(word: &str) -> bool {
    // Longer than every stopword: no need to lower-case it.
    if word.len() > LONGEST {
        return false;
    }
    let lower = word.to_lowercase();
    SET.contains(lower.as_str())
}

// The list as a set, built once; the longest entry in bytes.
static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| WORDS.iter().copied().collect());
const LONGEST: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < WORDS.len() {
        if WORDS[i].len() > longest {
            longest = WORDS[i].len();
        }
        i += 1;
    }
    longest
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_titles_and_days_are_stopwords() {
        for word in ["Dalam", "Presiden", "CEO", "Kamis", "Februari", "yang"] {
            assert!(is_stopword(word), "{word}");
        }
        for word in ["Jokowi", "Twitter", "Dorsey"] {
            assert!(!is_stopword(word), "{word}");
        }
    }
}
