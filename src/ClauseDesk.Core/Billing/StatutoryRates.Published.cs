namespace ClauseDesk.Billing;

public sealed partial class StatutoryRates
{
    // A verbatim copy of be-late-payment-rates.csv beside this file (a test keeps them equal). It is
    // compiled in rather than embedded as a resource so the domain assembly carries it with no build
    // item; a newer table is read with FromCsv without a release.
    internal const string PublishedCsv = """
        period_start,rate_percent,source
        2019-01-01,8.0,"https://www.lexalert.be/nl/article/intrest-betalingsachterstand-handelstransacties-2020 (1ste sem 2019 8%, B.S. 29/01/2019); https://vanostaeyen.eu/blog/intrestvoet-betalingsachterstand-handelstransacties-blijft-8"
        2019-07-01,8.0,"https://vanostaeyen.eu/blog/intrestvoet-betalingsachterstand-handelstransacties-blijft-8 (Mededeling FOD Financien B.S. 18/07/2019); lexalert.be idem. NOTE: fidelium.eu claims 8.5% - contradicted by both and by ECB MRO 0.00%+8"
        2020-01-01,8.0,"https://www.lexalert.be/nl/article/intrest-betalingsachterstand-handelstransacties-2020 (B.S. 06/02/2020)"
        2020-07-01,8.0,"https://financien.belgium.be/nl/over_de_fod/structuur_en_diensten/algemene_administraties/thesaurie/rentevoet_betalingsachterstand_handelstransacties (2de semester 2020: 8,0%)"
        2021-01-01,8.0,"https://www.bofimas.be/new-flashes/wettelijke-interestvoet-2021-gekend (8% eerste helft 2021)"
        2021-07-01,8.0,"https://fidelium.eu/en/tax-news/interest-rate-for-late-payment-in-commercial-transactions (8% second half 2021)"
        2022-01-01,8.0,"https://schoups.be/nl/news_items/interestvoet-betalingsachterstand-handelstransacties-blijft-gelijk-op-8-5 (B.S. 24/02/2022)"
        2022-07-01,8.0,"https://www.wolterskluwer.com/nl-be/expert-insights/late-payment-in-commercial-transactions (8% tweede semester 2022)"
        2023-01-01,10.5,"https://etaamb.openjustice.be/nl/mededeling_n2023041019.html (Mededeling FOD Financien, B.S. 17/03/2023)"
        2023-07-01,12.0,"https://www.kantoor-jan-loeters.be/new-flashes/wettelijke-interestvoet-2024-gekend (12% tweede helft 2023); https://www.gdena-advocaten.be/nieuws/newsflash-opnieuw-hogere-verwijlintresten-bij-laattijdige-betaling-van-overheidsopdrachten"
        2024-01-01,12.5,"https://www.kantoor-jan-loeters.be/new-flashes/wettelijke-interestvoet-2024-gekend; https://www.medenam.be/?p=182"
        2024-07-01,12.5,"https://leuropeinfo.eu/?p=1197 (Schoups: both semesters 2024 = 12,5%); https://trendstop.levif.be/fr/ontop/entreprendre/interets-de-retard-taux-inchange-1021-1525289.aspx (MB 30 juillet)"
        2025-01-01,11.5,"https://leuropeinfo.eu/?p=1197 (Schoups); https://www.lawbase.be/tools/wettelijke-interest (1ste sem 2025 11,50%)"
        2025-07-01,10.5,"https://www.lawbase.be/tools/wettelijke-interest (2de sem 2025 10,50%); consistent with ECB MRO 2.15% (from 11/06/2025)+8 rounded up to next half point. Official B.S. notice not seen"
        2026-01-01,10.5,"UNCERTAIN: https://embuild.be/fr/actualit%C3%A9s/le-retard-de-paiement-le-taux-dint%C3%A9r%C3%AAt-applicable-en-2026 (says unchanged at 10,50 but not yet published in B.S.); ECB MRO still 2.15% per https://www.brusselstimes.com/eu-affairs/1955847/ (5 Feb 2026)"
        """;
}
