// SQL for the initiative, institutions and activity summaries.
#include "site/repository.hpp"

namespace skirosim::site {

namespace {

// Binds the three language columns of a localised text.
#define SK_USE3(t, name) \
    soci::use((t)[0], name "_lv"), soci::use((t)[1], name "_ru"), soci::use((t)[2], name "_en")

}  // namespace

SiteContent Repository::load(soci::session& sql) {
    SiteContent content;
    Initiative& i = content.initiative;
    int sample = 0;
    soci::indicator found = soci::i_null;
    sql << "SELECT id, name_lv, name_ru, name_en, tagline_lv, tagline_ru, tagline_en, "
           "description_lv, description_ru, description_en, neighbourhood_lv, "
           "neighbourhood_ru, neighbourhood_en, funder_lv, funder_ru, funder_en, period_start, "
           "period_end, sample FROM initiative ORDER BY id LIMIT 1",
        soci::into(i.id, found), soci::into(i.name[0]), soci::into(i.name[1]),
        soci::into(i.name[2]), soci::into(i.tagline[0]), soci::into(i.tagline[1]),
        soci::into(i.tagline[2]), soci::into(i.description[0]), soci::into(i.description[1]),
        soci::into(i.description[2]), soci::into(i.neighbourhood[0]),
        soci::into(i.neighbourhood[1]), soci::into(i.neighbourhood[2]), soci::into(i.funder[0]),
        soci::into(i.funder[1]), soci::into(i.funder[2]), soci::into(i.period_start),
        soci::into(i.period_end), soci::into(sample);
    i.sample = sample != 0;

    LocalizedText aim;
    soci::statement aims = (sql.prepare << "SELECT text_lv, text_ru, text_en FROM "
                                           "initiative_aims ORDER BY position",
                            soci::into(aim[0]), soci::into(aim[1]), soci::into(aim[2]));
    aims.execute();
    while (aims.fetch()) i.aims.push_back(aim);

    Institution row;
    double latitude = 0, longitude = 0;
    soci::indicator lat_ind = soci::i_null, lon_ind = soci::i_null;
    soci::statement institutions =
        (sql.prepare << "SELECT id, role, kind, name_lv, name_ru, name_en, short_name_lv, "
                        "short_name_ru, short_name_en, description_lv, description_ru, "
                        "description_en, address, phone, email, website, latitude, longitude, "
                        "sample FROM institutions ORDER BY position, id",
         soci::into(row.id), soci::into(row.role), soci::into(row.kind), soci::into(row.name[0]),
         soci::into(row.name[1]), soci::into(row.name[2]), soci::into(row.short_name[0]),
         soci::into(row.short_name[1]), soci::into(row.short_name[2]),
         soci::into(row.description[0]), soci::into(row.description[1]),
         soci::into(row.description[2]), soci::into(row.address), soci::into(row.phone),
         soci::into(row.email), soci::into(row.website), soci::into(latitude, lat_ind),
         soci::into(longitude, lon_ind), soci::into(sample));
    institutions.execute();
    while (institutions.fetch()) {
        Institution copy = row;
        copy.latitude = lat_ind == soci::i_ok ? std::optional<double>(latitude) : std::nullopt;
        copy.longitude = lon_ind == soci::i_ok ? std::optional<double>(longitude) : std::nullopt;
        copy.sample = sample != 0;
        content.institutions.push_back(std::move(copy));
    }
    return content;
}

void Repository::save(soci::session& sql, const SiteData& data) {
    if (data.initiative) {
        const Initiative& i = *data.initiative;
        int sample = i.sample ? 1 : 0;
        sql << "DELETE FROM initiative";
        sql << "DELETE FROM initiative_aims";
        sql << "INSERT INTO initiative (id, name_lv, name_ru, name_en, tagline_lv, tagline_ru, "
               "tagline_en, description_lv, description_ru, description_en, neighbourhood_lv, "
               "neighbourhood_ru, neighbourhood_en, funder_lv, funder_ru, funder_en, "
               "period_start, period_end, sample) VALUES (:id, :name_lv, :name_ru, :name_en, "
               ":tagline_lv, :tagline_ru, :tagline_en, :description_lv, :description_ru, "
               ":description_en, :neighbourhood_lv, :neighbourhood_ru, :neighbourhood_en, "
               ":funder_lv, :funder_ru, :funder_en, :period_start, :period_end, :sample)",
            soci::use(i.id, "id"), SK_USE3(i.name, "name"), SK_USE3(i.tagline, "tagline"),
            SK_USE3(i.description, "description"), SK_USE3(i.neighbourhood, "neighbourhood"),
            SK_USE3(i.funder, "funder"), soci::use(i.period_start, "period_start"),
            soci::use(i.period_end, "period_end"), soci::use(sample, "sample");
        int position = 0;
        for (const LocalizedText& aim : i.aims) {
            ++position;
            sql << "INSERT INTO initiative_aims (position, text_lv, text_ru, text_en) "
                   "VALUES (:position, :text_lv, :text_ru, :text_en)",
                soci::use(position, "position"), SK_USE3(aim, "text");
        }
    }
    int position = 0;
    for (const Institution& inst : data.institutions) save_institution(sql, inst, ++position);
}

void Repository::save_institution(soci::session& sql, const Institution& inst, int position) {
    int sample = inst.sample ? 1 : 0;
    double latitude = inst.latitude.value_or(0), longitude = inst.longitude.value_or(0);
    soci::indicator lat_ind = inst.latitude ? soci::i_ok : soci::i_null;
    soci::indicator lon_ind = inst.longitude ? soci::i_ok : soci::i_null;
    int exists = 0;
    sql << "SELECT COUNT(*) FROM institutions WHERE id = :id", soci::use(inst.id),
        soci::into(exists);
    if (exists) {
        sql << "UPDATE institutions SET position = :position, role = :role, kind = :kind, "
               "name_lv = :name_lv, name_ru = :name_ru, name_en = :name_en, "
               "short_name_lv = :short_name_lv, short_name_ru = :short_name_ru, "
               "short_name_en = :short_name_en, description_lv = :description_lv, "
               "description_ru = :description_ru, description_en = :description_en, "
               "address = :address, phone = :phone, email = :email, website = :website, "
               "latitude = :latitude, longitude = :longitude, sample = :sample "
               "WHERE id = :id",
            soci::use(position, "position"), soci::use(inst.role, "role"),
            soci::use(inst.kind, "kind"), SK_USE3(inst.name, "name"),
            SK_USE3(inst.short_name, "short_name"), SK_USE3(inst.description, "description"),
            soci::use(inst.address, "address"), soci::use(inst.phone, "phone"),
            soci::use(inst.email, "email"), soci::use(inst.website, "website"),
            soci::use(latitude, lat_ind, "latitude"), soci::use(longitude, lon_ind, "longitude"),
            soci::use(sample, "sample"), soci::use(inst.id, "id");
    } else {
        sql << "INSERT INTO institutions (id, position, role, kind, name_lv, name_ru, "
               "name_en, short_name_lv, short_name_ru, short_name_en, description_lv, "
               "description_ru, description_en, address, phone, email, website, latitude, "
               "longitude, sample) VALUES (:id, :position, :role, :kind, :name_lv, :name_ru, "
               ":name_en, :short_name_lv, :short_name_ru, :short_name_en, :description_lv, "
               ":description_ru, :description_en, :address, :phone, :email, :website, "
               ":latitude, :longitude, :sample)",
            soci::use(inst.id, "id"), soci::use(position, "position"), soci::use(inst.role, "role"),
            soci::use(inst.kind, "kind"), SK_USE3(inst.name, "name"),
            SK_USE3(inst.short_name, "short_name"), SK_USE3(inst.description, "description"),
            soci::use(inst.address, "address"), soci::use(inst.phone, "phone"),
            soci::use(inst.email, "email"), soci::use(inst.website, "website"),
            soci::use(latitude, lat_ind, "latitude"), soci::use(longitude, lon_ind, "longitude"),
            soci::use(sample, "sample");
    }
}

#undef SK_USE3

int Repository::institution_position(soci::session& sql, const std::string& id) {
    int position = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT position FROM institutions WHERE id = :id", soci::use(id),
        soci::into(position, ind);
    if (ind == soci::i_ok) return position;
    sql << "SELECT COALESCE(MAX(position), 0) + 1 FROM institutions", soci::into(position);
    return position;
}

}  // namespace skirosim::site
