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
        <source>&amp;Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
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
        <source>Balances and history appear here once the node is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
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
