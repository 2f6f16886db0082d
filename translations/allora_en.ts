<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>allora-qt</name>
    <message>
        <source>Allora desktop node and wallet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyring backend: file (encrypted, the default) or test (unencrypted, for development networks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BACKEND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allora-qt: unknown keyring backend &quot;%1&quot; (expected file or test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wallet in %1 could not be opened:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home directory of the wallet and node (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::AddressBookModel</name>
    <message>
        <source>The address book could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid Allora address (allo1…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address book could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::AddressBookPage</name>
    <message>
        <source>Address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add or relabel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to remove.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::BackupPhrasePage</name>
    <message>
        <source>I have &amp;written down my recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write these words down on paper, in order, and keep them somewhere safe. Anyone who has them can spend your funds, and without them a forgotten password cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating a new recovery phrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not generate a recovery phrase: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::FinishPage</name>
    <message>
        <source>Saving your key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring your wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating your wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypting your key and saving it. This takes a moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your wallet is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key “%1” is saved. This is your address; share it to receive ALLO:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key is encrypted with your password and saved on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep your recovery phrase safe: it restores this wallet on any device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to correct what is wrong, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::FirstRunWizard</name>
    <message>
        <source>Set up your Allora wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key named “%1” already exists. Go back and choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Go back and correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::HistoryModel</name>
    <message>
        <source>Transaction %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::HistoryPage</name>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by address, amount, memo, block…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history is read from the node: start it on the Overview page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transactions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) so far; scroll down for older ones.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::KeyPasswordPage</name>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password encrypts your key on this computer. You will need it to send funds; your recovery phrase is the way back if you forget it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This wallet uses the test keyring: keys are stored unencrypted, for development networks only. No password is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key name has 1 to 64 letters, digits, dots, dashes or underscores, and does not start with a dot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a long password: several unrelated words work well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::MainWindow</name>
    <message>
        <source>Allora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wallet yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new wallet, or restore one from its recovery phrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create or restore wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create or restore wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Allora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet: could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Allora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Allora&lt;/b&gt; version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop node and wallet for the Allora network, a decentralised network of machine-learning models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network yet. A local network runs here, in this program: your account gets 1,000,000 ALLO to try everything with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a local network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: no network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. Data in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running chain %1 at height %2 (mempool: %3). Data in %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: height %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping (the block in progress is committed)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: stopped with an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a local network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a password for the local network&apos;s validator key (at least 8 characters). You will enter it each time you start the node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ. Nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of the local network&apos;s validator key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::MnemonicView</name>
    <message>
        <source>Recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::NodeModel</name>
    <message>
        <source>The node halted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::OverviewPage</name>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget any password typed in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet locked: the next transaction asks for the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spendable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vesting (locked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown once the staking and emissions queries are available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staked as reputer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbonding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending rewards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show full &amp;precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the balances: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transactions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading balances…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances and history appear here once the node is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address has not received anything yet (block %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vesting ends on %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::QrCodeWidget</name>
    <message>
        <source>QR code of the address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::ReceivePage</name>
    <message>
        <source>Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this address to whoever pays you. Anyone can see what it holds; only this wallet can spend from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::RestorePhrasePage</name>
    <message>
        <source>Restore from recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your 12 or 24 words in order, separated by spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word1 word2 word3 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word %1 (“%2”) is not in the BIP-39 word list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the words of your recovery phrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) so far; a recovery phrase has 12, 15, 18, 21 or 24.</source>
        <translation>
            <numerusform>%n word so far; a recovery phrase has 12, 15, 18, 21 or 24.</numerusform>
            <numerusform>%n words so far; a recovery phrase has 12, 15, 18, 21 or 24.</numerusform>
        </translation>
    </message>
    <message>
        <source>The checksum does not match: a word is wrong or out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Valid recovery phrase of %n word(s).</source>
        <translation>
            <numerusform>Valid recovery phrase of %n word.</numerusform>
            <numerusform>Valid recovery phrase of %n words.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>allora::ui::SendPage</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allo1… or a label from the address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low (the minimum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fee in ALLO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fee in ALLO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pay to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and &amp;send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is not running: start it on the Overview page to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spendable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your address book as “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an Allora address: it must start with allo1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address has a typo: its checksum does not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address holds characters an address cannot have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address is too short or too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee: %1 for %2 gas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the fee in ALLO, e.g. 0.002.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fee is known once the node is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee: %1 (%2 × the minimum: %3 uallo per gas × %4 gas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the recipient&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid Allora address. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount in ALLO greater than zero, e.g. 1.5 (at most 18 decimals).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a whole number of uallo greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the custom fee in ALLO, e.g. 0.002.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balance is not known yet: wait for the node, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount plus the fee (%1) is more than your spendable balance (%2). Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send %1 to %2%3, paying a fee of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memo: “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the transaction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount plus the fee is more than your spendable balance (%1). Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password: the key did not open. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign: %1. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node stopped before the transaction was sent. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadcasting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node refused the transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent; waiting for the next block…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in a block yet; the history page shows it once it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Included in block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent: included in block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed in block %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::TxText</name>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 to yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · block %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::VerifyPhrasePage</name>
    <message>
        <source>Check your recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the words at these positions from what you wrote down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word #%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word #%1 does not match your recovery phrase yet. Check what you wrote down, or go back to see the phrase again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::WalletModel</name>
    <message>
        <source>The wallet is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::WelcomePage</name>
    <message>
        <source>&amp;Create a new wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore from recovery phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Allora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new 24-word recovery phrase is made for you. You write it down; it is the only backup of your funds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 12 or 24 words of a wallet you already have, for example from Keplr or allorad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your keys stay on this computer, encrypted with a password you choose.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
