ALTER TABLE "deliveries" ADD COLUMN "amount_minor" bigint;--> statement-breakpoint
-- Amounts move to whole minor units of their currency, with the digits Kenshu reads amounts with
-- (ISO 4217 as Intl knows it): none for JPY and the others below, three for BHD and the others
-- below, two for the rest.
UPDATE "deliveries" SET "amount_minor" = round("amount" * CASE
    WHEN "currency" IN ('AFN','ALL','BIF','CLP','COP','DJF','GNF','HUF','IDR','IQD','IRR','ISK','JPY','KMF','KPW','KRW','LAK','LBP','MGA','MMK','PKR','PYG','RWF','SLL','SOS','SYP','UGX','VND','VUV','XAF','XOF','XPF','YER') THEN 1
    WHEN "currency" IN ('BHD','JOD','KWD','LYD','OMR','TND') THEN 1000
    ELSE 100 END)
  WHERE "amount" IS NOT NULL;
