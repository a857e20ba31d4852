<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CampaignReadiness</name>
    <message numerus="yes">
        <source>%1 has no value for %Ln contact(s) and no campaign default</source>
        <translation>
            <numerusform>%1 has no value for %Ln contact and no campaign default</numerusform>
            <numerusform>%1 has no value for %Ln contacts and no campaign default</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message numerus="yes">
        <source>a campaign sent to this number in the last %n day(s)</source>
        <translation>
            <numerusform>a campaign sent to this number in the last %n day</numerusform>
            <numerusform>a campaign sent to this number in the last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message numerus="yes">
        <source>%1, line %2: %n sequence(s) of bytes that are not valid %3 were replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</source>
        <translation>
            <numerusform>%1, line %2: %n sequence of bytes that is not valid %3 was replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</numerusform>
            <numerusform>%1, line %2: %n sequences of bytes that are not valid %3 were replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message numerus="yes">
        <source>%n schema problem(s) found (database version %1, this program expects %2)</source>
        <translation>
            <numerusform>%n schema problem found (database version %1, this program expects %2)</numerusform>
            <numerusform>%n schema problems found (database version %1, this program expects %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseCommand</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaign</numerusform>
            <numerusform>%n campaigns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting will not be sent (failed, reason "erased").</source>
        <translation>
            <numerusform>%n message still waiting will not be sent (failed, reason "erased").</numerusform>
            <numerusform>%n messages still waiting will not be sent (failed, reason "erased").</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message numerus="yes">
        <source>Messaged by a campaign in the last %n day(s), left out: %1.</source>
        <translation>
            <numerusform>Messaged by a campaign in the last %n day, left out: %1.</numerusform>
            <numerusform>Messaged by a campaign in the last %n days, left out: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InitCommand</name>
    <message numerus="yes">
        <source>Schema version %1 (%n migration(s) applied).</source>
        <translation>
            <numerusform>Schema version %1 (%n migration applied).</numerusform>
            <numerusform>Schema version %1 (%n migrations applied).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NumbersCommand</name>
    <message numerus="yes">
        <source>%n phone number(s) listed.</source>
        <translation>
            <numerusform>%n phone number listed.</numerusform>
            <numerusform>%n phone numbers listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurgeCommand</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaign</numerusform>
            <numerusform>%n campaigns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueEngine</name>
    <message numerus="yes">
        <source>%n message(s) queued again for resending</source>
        <translation>
            <numerusform>%n message queued again for resending</numerusform>
            <numerusform>%n messages queued again for resending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairCommand</name>
    <message numerus="yes">
        <source>All %n campaign(s) are consistent; nothing to repair.</source>
        <translation>
            <numerusform>%n campaign is consistent; nothing to repair.</numerusform>
            <numerusform>All %n campaigns are consistent; nothing to repair.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campaign(s) need repair. Dry run: nothing was changed; run without --dry-run to fix them.</source>
        <translation>
            <numerusform>%1 of %n campaign needs repair. Dry run: nothing was changed; run without --dry-run to fix them.</numerusform>
            <numerusform>%1 of %n campaigns need repair. Dry run: nothing was changed; run without --dry-run to fix them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Repaired %1 of %n campaign(s).</source>
        <translation>
            <numerusform>Repaired %1 of %n campaign.</numerusform>
            <numerusform>Repaired %1 of %n campaigns.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResendCommand</name>
    <message numerus="yes">
        <source>Queued %n failed message(s) of campaign "%1" again.</source>
        <translation>
            <numerusform>Queued %n failed message of campaign "%1" again.</numerusform>
            <numerusform>Queued %n failed messages of campaign "%1" again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendSession</name>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</source>
        <translation>
            <numerusform>Holding: %Ln recipient outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</numerusform>
            <numerusform>Holding: %Ln recipients outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryCommand</name>
    <message numerus="yes">
        <source>No messages sent or failed in the last %n day(s).</source>
        <translation>
            <numerusform>No messages sent or failed in the last %n day.</numerusform>
            <numerusform>No messages sent or failed in the last %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SystemKeychain</name>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>The keychain did not answer within %n second.</numerusform>
            <numerusform>The keychain did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::SendWorker</name>
    <message numerus="yes">
        <source>%n answer(s) from Meta could not be recorded: those recipients end failed "interrupted" when the campaign is sent again, and are never sent to automatically.</source>
        <translation>
            <numerusform>%n answer from Meta could not be recorded: those recipients end failed "interrupted" when the campaign is sent again, and are never sent to automatically.</numerusform>
            <numerusform>%n answers from Meta could not be recorded: those recipients end failed "interrupted" when the campaign is sent again, and are never sent to automatically.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for phone numbers taken out of the campaign's pool: %1. Move them to the other numbers (herald-cli campaign reassign), then resume.</source>
        <translation>
            <numerusform>%Ln recipient waits for phone numbers taken out of the campaign's pool: %1. Move it to the other numbers (herald-cli campaign reassign), then resume.</numerusform>
            <numerusform>%Ln recipients wait for phone numbers taken out of the campaign's pool: %1. Move them to the other numbers (herald-cli campaign reassign), then resume.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignManagement</name>
    <message numerus="yes">
        <source>The draft and its %n recipient(s) are deleted. Nothing has been sent from it.</source>
        <translation>
            <numerusform>The draft and its %n recipient are deleted. Nothing has been sent from it.</numerusform>
            <numerusform>The draft and its %n recipients are deleted. Nothing has been sent from it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::ContactsPage</name>
    <message numerus="yes">
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n data row</numerusform>
            <numerusform>%n data rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n column(s), %3 · showing the first %4</source>
        <translation>
            <numerusform>%1 · %2 · %n column, %3 · showing the first %4</numerusform>
            <numerusform>%1 · %2 · %n columns, %3 · showing the first %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::CostEstimatePanel</name>
    <message numerus="yes">
        <source>%Ln recipient(s) still to send</source>
        <translation>
            <numerusform>%Ln recipient still to send</numerusform>
            <numerusform>%Ln recipients still to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln recipient</numerusform>
            <numerusform>%Ln recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) not priced and left out of the total (%1).</source>
        <translation>
            <numerusform>%Ln recipient not priced and left out of the total (%1).</numerusform>
            <numerusform>%Ln recipients not priced and left out of the total (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::CostSection</name>
    <message numerus="yes">
        <source>%1 for %Ln recipient(s) (%2 messages)</source>
        <translation>
            <numerusform>%1 for %Ln recipient (%2 messages)</numerusform>
            <numerusform>%1 for %Ln recipients (%2 messages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in countries this card does not price, left out of the total.</source>
        <translation>
            <numerusform>%Ln recipient in countries this card does not price, left out of the total.</numerusform>
            <numerusform>%Ln recipients in countries this card does not price, left out of the total.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::EditDraftDialog</name>
    <message numerus="yes">
        <source>%1 (%2) · %Ln recipient(s)</source>
        <translation>
            <numerusform>%1 (%2) · %Ln recipient</numerusform>
            <numerusform>%1 (%2) · %Ln recipients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::ErasePersonAction</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaign</numerusform>
            <numerusform>%n campaigns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting for this number will not be sent (failed, reason "erased").</source>
        <translation>
            <numerusform>%n message still waiting for this number will not be sent (failed, reason "erased").</numerusform>
            <numerusform>%n messages still waiting for this number will not be sent (failed, reason "erased").</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresView</name>
    <message numerus="yes">
        <source>Failed messages: %1, for %n reason(s). Select a reason to list its recipients under Recipients, or reasons to resend.</source>
        <translation>
            <numerusform>Failed messages: %1, for %n reason. Select a reason to list its recipients under Recipients, or reasons to resend.</numerusform>
            <numerusform>Failed messages: %1, for %n reasons. Select a reason to list its recipients under Recipients, or reasons to resend.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::FrequencyCapSection</name>
    <message numerus="yes">
        <source>%1 (messaged by another campaign in the last %n day(s))</source>
        <translation>
            <numerusform>%1 (messaged by another campaign in the last %n day)</numerusform>
            <numerusform>%1 (messaged by another campaign in the last %n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::InterruptedNotice</name>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages of “%1” were in flight: %n message(s) became "interrupted".</source>
        <translation>
            <numerusform>Herald or another sender stopped while messages of “%1” were in flight: %n message became "interrupted".</numerusform>
            <numerusform>Herald or another sender stopped while messages of “%1” were in flight: %n messages became "interrupted".</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s)</source>
        <translation>
            <numerusform>“%1”: %n message</numerusform>
            <numerusform>“%1”: %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more campaign(s)</source>
        <translation>
            <numerusform>%n more campaign</numerusform>
            <numerusform>%n more campaigns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages were in flight. %n message(s) became "interrupted": %1.</source>
        <translation>
            <numerusform>Herald or another sender stopped while messages were in flight. %n message became "interrupted": %1.</numerusform>
            <numerusform>Herald or another sender stopped while messages were in flight. %n messages became "interrupted": %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n interrupted)</source>
        <translation>
            <numerusform>%1 (%n interrupted)</numerusform>
            <numerusform>%1 (%n interrupted)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::MainWindow</name>
    <message numerus="yes">
        <source>The counters of %n campaign(s) do not match their messages.</source>
        <translation>
            <numerusform>The counters of %n campaign do not match its messages.</numerusform>
            <numerusform>The counters of %n campaigns do not match their messages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n message queued again.</numerusform>
            <numerusform>%n messages queued again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Herald is sending %n campaign(s). Messages in flight finish and are recorded; the campaigns stay running and continue the next time Herald (or another sender) opens this database.</source>
        <translation>
            <numerusform>Herald is sending %n campaign. Messages in flight finish and are recorded; the campaign stays running and continues the next time Herald (or another sender) opens this database.</numerusform>
            <numerusform>Herald is sending %n campaigns. Messages in flight finish and are recorded; the campaigns stay running and continue the next time Herald (or another sender) opens this database.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln recipient(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln recipient to %1.</numerusform>
            <numerusform>Exported %Ln recipients to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</source>
        <translation>
            <numerusform>%Ln message not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</numerusform>
            <numerusform>%Ln messages not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersSection</name>
    <message numerus="yes">
        <source>Meta answered for %n number(s).</source>
        <translation>
            <numerusform>Meta answered for %n number.</numerusform>
            <numerusform>Meta answered for %n numbers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read: the Health column's tooltip says why.</source>
        <translation>
            <numerusform>%n could not be read: the Health column's tooltip says why.</numerusform>
            <numerusform>%n could not be read: the Health column's tooltip says why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersModel</name>
    <message numerus="yes">
        <source>%Ln message(s) sent from this number in the last minute</source>
        <translation><numerusform>%Ln message sent from this number in the last minute</numerusform><numerusform>%Ln messages sent from this number in the last minute</numerusform></translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersView</name>
    <message numerus="yes">
        <source>Sent from %Ln phone number(s) of the account; each recipient always from the same one.</source>
        <translation>
            <numerusform>Sent from %Ln phone number of the account; each recipient always from the same one.</numerusform>
            <numerusform>Sent from %Ln phone numbers of the account; each recipient always from the same one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for numbers taken out of the pool: move them to the others, then resume.</source>
        <translation>
            <numerusform>%Ln recipient waits for numbers taken out of the pool: move it to the others, then resume.</numerusform>
            <numerusform>%Ln recipients wait for numbers taken out of the pool: move them to the others, then resume.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursPanel</name>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for their window now</source>
        <translation>
            <numerusform>%Ln recipient waits for their window now</numerusform>
            <numerusform>%Ln recipients wait for their window now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursSection</name>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</source>
        <translation>
            <numerusform>%Ln recipient would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</numerusform>
            <numerusform>%Ln recipients would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</source>
        <translation>
            <numerusform>%Ln recipient would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</numerusform>
            <numerusform>%Ln recipients would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardSection</name>
    <message numerus="yes">
        <source>Imported "%1": %n market(s) in %2, effective %3.</source>
        <translation>
            <numerusform>Imported "%1": %n market in %2, effective %3.</numerusform>
            <numerusform>Imported "%1": %n markets in %2, effective %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsModel</name>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsView</name>
    <message numerus="yes">
        <source>%Ln recipient(s), showing %1–%2</source>
        <translation>
            <numerusform>%Ln recipient, showing %1–%2</numerusform>
            <numerusform>%Ln recipients, showing %1–%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln recipient</numerusform>
            <numerusform>%Ln recipients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairDialog</name>
    <message numerus="yes">
        <source>%n problem(s) found by the schema check.</source>
        <translation>
            <numerusform>%n problem found by the schema check.</numerusform>
            <numerusform>%n problems found by the schema check.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) match their messages (recounted in %1).</source>
        <translation>
            <numerusform>The %n campaign matches its messages (recounted in %1).</numerusform>
            <numerusform>All %n campaigns match their messages (recounted in %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) do not match their messages. Apply repairs to set them to the recount, in one transaction.</source>
        <translation>
            <numerusform>%n campaign does not match its messages. Apply the repair to set it to the recount, in one transaction.</numerusform>
            <numerusform>%n campaigns do not match their messages. Apply repairs to set them to the recount, in one transaction.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) still differ: messages changed while repairing; recount and apply again.</source>
        <translation>
            <numerusform>%n campaign still differs: messages changed while repairing; recount and apply again.</numerusform>
            <numerusform>%n campaigns still differ: messages changed while repairing; recount and apply again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)), but the schema is still incomplete.</source>
        <translation>
            <numerusform>Upgraded (%n step), but the schema is still incomplete.</numerusform>
            <numerusform>Upgraded (%n steps), but the schema is still incomplete.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)).</source>
        <translation>
            <numerusform>Upgraded (%n step).</numerusform>
            <numerusform>Upgraded (%n steps).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::ResendDialog</name>
    <message numerus="yes">
        <source>%1 — %Ln message(s)</source>
        <translation>
            <numerusform>%1 — %Ln message</numerusform>
            <numerusform>%1 — %Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s): %2</source>
        <translation>
            <numerusform>%1 — %Ln message: %2</numerusform>
            <numerusform>%1 — %Ln messages: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) failed. Tick the reasons to send again; opted-out numbers are never resent.</source>
        <translation>
            <numerusform>%Ln message failed. Tick the reasons to send again; opted-out numbers are never resent.</numerusform>
            <numerusform>%Ln messages failed. Tick the reasons to send again; opted-out numbers are never resent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RetentionSchedule</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaign</numerusform>
            <numerusform>%n campaigns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendController</name>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1.</source>
        <translation>
            <numerusform>Holding: %Ln recipient outside quiet hours; the next window opens at %1.</numerusform>
            <numerusform>Holding: %Ln recipients outside quiet hours; the next window opens at %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendFromSection</name>
    <message numerus="yes">
        <source>Each recipient is sent from one of the %Ln numbers, always the same one; each number sends at its own ceiling. A number Meta limits leaves the pool and the others go on.</source>
        <translation>
            <numerusform>Each recipient is sent from the %Ln number, which sends at its own ceiling.</numerusform>
            <numerusform>Each recipient is sent from one of the %Ln numbers, always the same one; each number sends at its own ceiling. A number Meta limits leaves the pool and the others go on.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SenderStatusBar</name>
    <message numerus="yes">
        <source>Sender: sending %n campaign(s)</source>
        <translation>
            <numerusform>Sender: sending %n campaign</numerusform>
            <numerusform>Sender: sending %n campaigns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n in flight</numerusform>
            <numerusform>%n in flight</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No delivery callback for %n running campaign(s) in 10 min</source>
        <translation>
            <numerusform>No delivery callback for %n running campaign in 10 min</numerusform>
            <numerusform>No delivery callback for %n running campaigns in 10 min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersPage</name>
    <message numerus="yes">
        <source>%n sender(s), of them %1</source>
        <translation>
            <numerusform>%n sender, of them %1</numerusform>
            <numerusform>%n senders, of them %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n silent</source>
        <translation>
            <numerusform>%n silent</numerusform>
            <numerusform>%n silent</numerusform>
        </translation>
    </message>
</context>
</TS>
