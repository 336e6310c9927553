// SQL for the catalogue, lookups and missed searches.
#include "guide/repository.hpp"

#include <map>

#include "core/lines.hpp"
#include "storage/notifications.hpp"

namespace skirosim::guide {

namespace {

// Three language columns of a list, as joined text, for binding.
struct Lines3 {
    std::string lv, ru, en;
    explicit Lines3(const LocalizedList& l)
        : lv(join_lines(l[0])), ru(join_lines(l[1])), en(join_lines(l[2])) {}
};

LocalizedList to_list(const std::string& lv, const std::string& ru, const std::string& en) {
    return {split_lines(lv), split_lines(ru), split_lines(en)};
}

}  // namespace

CatalogueData Repository::load(soci::session& sql) {
    CatalogueData data;
    {
        Channel c;
        soci::statement st =
            (sql.prepare << "SELECT code, name_lv, name_ru, name_en, description_lv, "
                            "description_ru, description_en FROM channels ORDER BY position",
             soci::into(c.code), soci::into(c.name[0]), soci::into(c.name[1]),
             soci::into(c.name[2]), soci::into(c.description[0]), soci::into(c.description[1]),
             soci::into(c.description[2]));
        st.execute();
        while (st.fetch()) data.channels.push_back(c);
    }
    {
        Place p;
        int sample = 0;
        soci::statement st =
            (sql.prepare << "SELECT id, name_lv, name_ru, name_en, operator, sample "
                            "FROM places ORDER BY position, id",
             soci::into(p.id), soci::into(p.name[0]), soci::into(p.name[1]), soci::into(p.name[2]),
             soci::into(p.operator_name), soci::into(sample));
        st.execute();
        while (st.fetch()) {
            p.sample = sample != 0;
            data.places.push_back(p);
        }
    }
    {
        std::string place_id, channels, a[3], r[3], m[3];
        Bin b;
        int sample = 0, bin_verified = 0;
        soci::statement st =
            (sql.prepare
                 << "SELECT place_id, id, kind, channels, name_lv, name_ru, name_en, colour, icon, "
                    "accepts_lv, accepts_ru, accepts_en, refuses_lv, refuses_ru, refuses_en, "
                    "mistakes_lv, mistakes_ru, mistakes_en, sample, source, verified, picture FROM "
                    "bins "
                    "ORDER BY place_id, position",
             soci::into(place_id), soci::into(b.id), soci::into(b.kind), soci::into(channels),
             soci::into(b.name[0]), soci::into(b.name[1]), soci::into(b.name[2]),
             soci::into(b.colour), soci::into(b.icon), soci::into(a[0]), soci::into(a[1]),
             soci::into(a[2]), soci::into(r[0]), soci::into(r[1]), soci::into(r[2]),
             soci::into(m[0]), soci::into(m[1]), soci::into(m[2]), soci::into(sample),
             soci::into(b.provenance.source), soci::into(bin_verified), soci::into(b.picture));
        st.execute();
        while (st.fetch()) {
            Bin copy = b;
            copy.channels = split_lines(channels);
            copy.accepts = to_list(a[0], a[1], a[2]);
            copy.refuses = to_list(r[0], r[1], r[2]);
            copy.mistakes = to_list(m[0], m[1], m[2]);
            copy.sample = sample != 0;
            copy.provenance.verified = bin_verified != 0;
            for (Place& p : data.places) {
                if (p.id == place_id) p.bins.push_back(std::move(copy));
            }
        }
    }
    {
        Item item;
        std::string syn[3], question[3], yes, no, tips[3];
        LocalizedText reuse;
        int item_verified = 0;
        soci::statement st =
            (sql.prepare
                 << "SELECT id, channel, name_lv, name_ru, name_en, synonyms_lv, synonyms_ru, "
                    "synonyms_en, question_lv, question_ru, question_en, question_yes, "
                    "question_no, tips_lv, tips_ru, tips_en, reuse_lv, reuse_ru, reuse_en, source, "
                    "verified, picture FROM items ORDER BY id",
             soci::into(item.id), soci::into(item.channel), soci::into(item.name[0]),
             soci::into(item.name[1]), soci::into(item.name[2]), soci::into(syn[0]),
             soci::into(syn[1]), soci::into(syn[2]), soci::into(question[0]),
             soci::into(question[1]), soci::into(question[2]), soci::into(yes), soci::into(no),
             soci::into(tips[0]), soci::into(tips[1]), soci::into(tips[2]), soci::into(reuse[0]),
             soci::into(reuse[1]), soci::into(reuse[2]), soci::into(item.provenance.source),
             soci::into(item_verified), soci::into(item.picture));
        st.execute();
        while (st.fetch()) {
            Item copy;
            copy.id = item.id;
            copy.channel = item.channel;
            copy.name = item.name;
            copy.synonyms = to_list(syn[0], syn[1], syn[2]);
            copy.tips = to_list(tips[0], tips[1], tips[2]);
            if (!yes.empty())
                copy.question = Question{{question[0], question[1], question[2]}, yes, no};
            if (!reuse[0].empty()) copy.reuse = reuse;
            copy.provenance = {item.provenance.source, item_verified != 0};
            copy.picture = item.picture;
            data.items.push_back(std::move(copy));
        }
    }
    {
        Override o;
        int override_verified = 0;
        soci::statement st =
            (sql.prepare << "SELECT place_id, item_id, channel, note_lv, note_ru, note_en, source, "
                            "verified FROM overrides ORDER BY place_id, item_id",
             soci::into(o.place), soci::into(o.item), soci::into(o.channel), soci::into(o.note[0]),
             soci::into(o.note[1]), soci::into(o.note[2]), soci::into(o.provenance.source),
             soci::into(override_verified));
        st.execute();
        while (st.fetch()) {
            o.provenance.verified = override_verified != 0;
            data.overrides.push_back(o);
        }
    }
    {
        std::string value;
        soci::indicator found = soci::i_null;
        sql << "SELECT value FROM settings WHERE key = 'popular'", soci::into(value, found);
        if (found == soci::i_ok) data.popular = split_lines(value);
    }
    return data;
}

void Repository::save(soci::session& sql, const CatalogueData& data) {
    if (!data.channels.empty() || !data.places.empty() || !data.items.empty() ||
        !data.overrides.empty() || !data.popular.empty()) {
        bump_catalogue_version(sql);
    }
    if (!data.popular.empty()) {
        const std::string value = join_lines(data.popular);
        sql << "DELETE FROM settings WHERE key = 'popular'";
        sql << "INSERT INTO settings (key, value) VALUES ('popular', :v)", soci::use(value);
    }
    // The channels are shown in the order the data gives them.
    int position = 0;
    for (const Channel& c : data.channels) {
        ++position;
        sql << "DELETE FROM channels WHERE code = :code", soci::use(c.code);
        sql << "INSERT INTO channels (code, position, name_lv, name_ru, name_en, description_lv, "
               "description_ru, description_en) VALUES (:code, :position, :n0, :n1, :n2, :d0, :d1, "
               ":d2)",
            soci::use(c.code, "code"), soci::use(position, "position"), soci::use(c.name[0], "n0"),
            soci::use(c.name[1], "n1"), soci::use(c.name[2], "n2"),
            soci::use(c.description[0], "d0"), soci::use(c.description[1], "d1"),
            soci::use(c.description[2], "d2");
    }
    for (const Place& p : data.places) {
        int position = 0, sample = p.sample ? 1 : 0;
        sql << "SELECT COUNT(*) FROM places", soci::into(position);
        int exists = 0;
        sql << "SELECT COUNT(*) FROM places WHERE id = :id", soci::use(p.id), soci::into(exists);
        if (exists) {
            sql << "UPDATE places SET name_lv = :n0, name_ru = :n1, name_en = :n2, operator = :op, "
                   "sample = :sample WHERE id = :id",
                soci::use(p.name[0], "n0"), soci::use(p.name[1], "n1"), soci::use(p.name[2], "n2"),
                soci::use(p.operator_name, "op"), soci::use(sample, "sample"),
                soci::use(p.id, "id");
        } else {
            sql << "INSERT INTO places (id, position, name_lv, name_ru, name_en, operator, sample) "
                   "VALUES (:id, :position, :n0, :n1, :n2, :op, :sample)",
                soci::use(p.id, "id"), soci::use(position, "position"), soci::use(p.name[0], "n0"),
                soci::use(p.name[1], "n1"), soci::use(p.name[2], "n2"),
                soci::use(p.operator_name, "op"), soci::use(sample, "sample");
        }
        sql << "DELETE FROM bins WHERE place_id = :id", soci::use(p.id);
        int bin_position = 0;
        for (const Bin& b : p.bins) {
            ++bin_position;
            const std::string channels = join_lines(b.channels);
            Lines3 a(b.accepts), r(b.refuses), m(b.mistakes);
            int bin_sample = b.sample ? 1 : 0, bin_verified = b.provenance.verified ? 1 : 0;
            sql << "INSERT INTO bins (place_id, id, position, kind, channels, name_lv, name_ru, "
                   "name_en, "
                   "colour, icon, accepts_lv, accepts_ru, accepts_en, refuses_lv, refuses_ru, "
                   "refuses_en, "
                   "mistakes_lv, mistakes_ru, mistakes_en, sample, source, verified, picture) "
                   "VALUES (:place, :id, "
                   ":position, :kind, :channels, :n0, :n1, :n2, :colour, :icon, :a0, :a1, :a2, "
                   ":r0, :r1, :r2, "
                   ":m0, :m1, :m2, :sample, :source, :verified, :picture)",
                soci::use(p.id, "place"), soci::use(b.id, "id"),
                soci::use(bin_position, "position"), soci::use(b.kind, "kind"),
                soci::use(channels, "channels"), soci::use(b.name[0], "n0"),
                soci::use(b.name[1], "n1"), soci::use(b.name[2], "n2"),
                soci::use(b.colour, "colour"), soci::use(b.icon, "icon"), soci::use(a.lv, "a0"),
                soci::use(a.ru, "a1"), soci::use(a.en, "a2"), soci::use(r.lv, "r0"),
                soci::use(r.ru, "r1"), soci::use(r.en, "r2"), soci::use(m.lv, "m0"),
                soci::use(m.ru, "m1"), soci::use(m.en, "m2"), soci::use(bin_sample, "sample"),
                soci::use(b.provenance.source, "source"), soci::use(bin_verified, "verified"),
                soci::use(b.picture, "picture");
        }
    }
    for (const Item& item : data.items) {
        Lines3 syn(item.synonyms), tips(item.tips);
        const Question empty_question{};
        const Question& q = item.question ? *item.question : empty_question;
        const LocalizedText empty_text{};
        const LocalizedText& reuse = item.reuse ? *item.reuse : empty_text;
        int exists = 0;
        sql << "SELECT COUNT(*) FROM items WHERE id = :id", soci::use(item.id), soci::into(exists);
        const char* statement =
            exists
                ? "UPDATE items SET channel = :channel, name_lv = :n0, name_ru = :n1, name_en = "
                  ":n2, "
                  "synonyms_lv = :s0, synonyms_ru = :s1, synonyms_en = :s2, question_lv = :q0, "
                  "question_ru = :q1, question_en = :q2, question_yes = :yes, question_no = :no, "
                  "tips_lv = :t0, tips_ru = :t1, tips_en = :t2, reuse_lv = :u0, reuse_ru = :u1, "
                  "reuse_en = :u2, source = :source, verified = :verified, picture = :picture "
                  "WHERE id = :id"
                : "INSERT INTO items (id, channel, name_lv, name_ru, name_en, synonyms_lv, "
                  "synonyms_ru, "
                  "synonyms_en, question_lv, question_ru, question_en, question_yes, question_no, "
                  "tips_lv, tips_ru, tips_en, reuse_lv, reuse_ru, reuse_en, source, verified, "
                  "picture) "
                  "VALUES (:id, :channel, :n0, :n1, :n2, :s0, :s1, :s2, :q0, :q1, :q2, :yes, :no, "
                  ":t0, "
                  ":t1, :t2, :u0, :u1, :u2, :source, :verified, :picture)";
        const int item_verified = item.provenance.verified ? 1 : 0;
        sql << statement, soci::use(item.id, "id"), soci::use(item.channel, "channel"),
            soci::use(item.name[0], "n0"), soci::use(item.name[1], "n1"),
            soci::use(item.name[2], "n2"), soci::use(syn.lv, "s0"), soci::use(syn.ru, "s1"),
            soci::use(syn.en, "s2"), soci::use(q.text[0], "q0"), soci::use(q.text[1], "q1"),
            soci::use(q.text[2], "q2"), soci::use(q.yes, "yes"), soci::use(q.no, "no"),
            soci::use(tips.lv, "t0"), soci::use(tips.ru, "t1"), soci::use(tips.en, "t2"),
            soci::use(reuse[0], "u0"), soci::use(reuse[1], "u1"), soci::use(reuse[2], "u2"),
            soci::use(item.provenance.source, "source"), soci::use(item_verified, "verified"),
            soci::use(item.picture, "picture");
    }
    for (const Override& o : data.overrides) {
        sql << "DELETE FROM overrides WHERE place_id = :place AND item_id = :item",
            soci::use(o.place, "place"), soci::use(o.item, "item");
        const int override_verified = o.provenance.verified ? 1 : 0;
        sql << "INSERT INTO overrides (place_id, item_id, channel, note_lv, note_ru, note_en, "
               "source, verified) "
               "VALUES (:place, :item, :channel, :n0, :n1, :n2, :source, :verified)",
            soci::use(o.place, "place"), soci::use(o.item, "item"), soci::use(o.channel, "channel"),
            soci::use(o.note[0], "n0"), soci::use(o.note[1], "n1"), soci::use(o.note[2], "n2"),
            soci::use(o.provenance.source, "source"), soci::use(override_verified, "verified");
    }
}

long long Repository::catalogue_version(soci::session& sql) {
    std::string value;
    soci::indicator found = soci::i_null;
    sql << "SELECT value FROM settings WHERE key = 'catalogue_version'", soci::into(value, found);
    return found == soci::i_ok ? std::stoll(value) : 0;
}

void Repository::bump_catalogue_version(soci::session& sql) {
    sql << "INSERT INTO settings (key, value) VALUES ('catalogue_version', '1') "
           "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS "
           "TEXT)";
    // Other app servers on the same PostgreSQL reload at once (delivered when this commits).
    storage::notify(sql, kCatalogueChannel);
}

std::unordered_map<std::string, long long> Repository::lookup_counts(soci::session& sql) {
    std::unordered_map<std::string, long long> counts;
    std::string id;
    long long count = 0;
    soci::statement st = (sql.prepare << "SELECT item_id, count FROM item_lookups", soci::into(id),
                          soci::into(count));
    st.execute();
    while (st.fetch()) counts[id] = count;
    return counts;
}

void Repository::count_lookup(soci::session& sql, const std::string& item_id) {
    // Portable upsert: both SQLite (3.24+) and PostgreSQL know ON CONFLICT.
    sql << "INSERT INTO item_lookups (item_id, count) VALUES (:id, 1) "
           "ON CONFLICT (item_id) DO UPDATE SET count = item_lookups.count + 1",
        soci::use(item_id);
}

void Repository::record_miss(soci::session& sql, const std::string& query,
                             const std::string& language, std::time_t when) {
    long long at = when;
    sql << "INSERT INTO search_misses (query, language, searched_at) VALUES (:q, :l, :t)",
        soci::use(query, "q"), soci::use(language, "l"), soci::use(at, "t");
    // The misses page reads this summary, not the log.
    sql << "INSERT INTO search_miss_counts (query, language, searches, last_at) VALUES (:q, :l, 1, "
           ":t) "
           "ON CONFLICT (query) DO UPDATE SET searches = search_miss_counts.searches + 1, "
           "last_at = CASE WHEN excluded.last_at > search_miss_counts.last_at THEN "
           "excluded.last_at "
           "ELSE search_miss_counts.last_at END",
        soci::use(query, "q"), soci::use(language, "l"), soci::use(at, "t");
}

std::vector<MissedSearch> Repository::misses(soci::session& sql, int limit) {
    std::vector<MissedSearch> out;
    MissedSearch row;
    long long last = 0;
    soci::statement st =
        (sql.prepare << "SELECT query, language, searches, last_at FROM search_miss_counts "
                        "ORDER BY searches DESC, last_at DESC LIMIT :limit",
         soci::into(row.query), soci::into(row.language), soci::into(row.count), soci::into(last),
         soci::use(limit));
    st.execute();
    while (st.fetch()) {
        row.last = static_cast<std::time_t>(last);
        out.push_back(row);
    }
    return out;
}

void Repository::forget_miss(soci::session& sql, const std::string& query) {
    sql << "DELETE FROM search_misses WHERE query = :q", soci::use(query);
    sql << "DELETE FROM search_miss_counts WHERE query = :q", soci::use(query);
}

}  // namespace skirosim::guide
