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
    <message>
        <source>Benchmark: start the node with the validator password in FILE, print &quot;usable &lt;ms&gt;&quot; when the window shows the wallet&apos;s balances and &quot;running &lt;ms&gt;&quot; when the node runs, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --measure-start: quit SECONDS after both (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
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
    <name>allora::ui::BuyInferencePage</name>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any amount in ALLO, e.g. 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount to pay in ALLO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay what you want: the payment is added to the topic&apos;s fee revenue. Revenue raises the topic&apos;s weight among all topics, and with it the share of each block&apos;s rewards that goes to its workers and reputers, so the topic draws more and better models. The network inference itself is public; your payment is what keeps it coming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign and pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid: included in block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributors to the network inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy an inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The topic&apos;s latest network inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is not running: start it on the Overview page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction fee: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fee is known once the node reports its gas price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic exists yet: create one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue of topic %1: %2 · weight %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your payment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network inference yet: the topic&apos;s first epoch has not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at block %2 (naive %3). Confidence band (2.28, 15.87, 50, 84.13, 97.72th percentiles): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (too few workers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a wallet first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a topic once the node has listed them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter what you want to pay in ALLO, more than zero, e.g. 1 (at most 18 decimals). Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay %1 to topic %2 (“%3”), adding it to the topic&apos;s revenue, with a transaction fee of %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::CreateTopicPage</name>
    <message>
        <source> blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the topic predicts, e.g. “ETH price in 24 hours”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How reputers score a prediction against the truth; the reference reputers compute mse and mae.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground-truth lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p-norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regret alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values may be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epsilon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merit sortition alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active inferer quantile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active forecaster quantile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active reputer quantile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Loss method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epoch length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks between two rounds of inferences: each epoch opens a new prediction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ground-truth lag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks after an epoch until the truth is known and reputers score it (at least one epoch, at most 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submission window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks after an epoch opens during which workers may submit (at most one epoch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;p-norm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exponent of the weighting of regrets, 2.5 to 4.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regret &amp;alpha:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How fast regrets follow new losses: the EMA weight of the newest epoch, in (0, 1].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epsilo&amp;n:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A small positive value that keeps losses off zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merit sortition alpha:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The EMA weight of scores used to choose the active participants, 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active &amp;inferers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantile of inferers kept active each epoch, 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active forecas&amp;ters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantile of forecasters kept active each epoch, 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active rep&amp;uters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantile of reputers kept active each epoch, 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and &amp;create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1 created in block %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A topic is a question the network answers each epoch: workers predict, reputers score them once the truth is known, and the chain combines the predictions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe what the topic predicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain would refuse this topic: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain would refuse this topic: the epoch must be at least %1 blocks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain would refuse this topic: the description and the loss method may be at most %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain accepts these values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cost is known once the node is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a topic costs %1 (the chain&apos;s topic fee, added to the topic&apos;s revenue) plus a transaction fee of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the node to report its fees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a wallet first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create topic “%1” (loss %2, epoch %3 blocks), paying the topic fee of %4 and a transaction fee of %5.</source>
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
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try a local network: a one-computer network with demo topics and their workers, your account funded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a network (available once peer-to-peer networking is built)</source>
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
        <translation>
            <numerusform>%n transaction.</numerusform>
            <numerusform>%n transactions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) so far; scroll down for older ones.</source>
        <translation>
            <numerusform>%n transaction so far; scroll down for older ones.</numerusform>
            <numerusform>%n transactions so far; scroll down for older ones.</numerusform>
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
    <message>
        <source>&amp;Key name:</source>
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
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy an inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without use.</source>
        <translation>
            <numerusform>Locked after %n minute without use.</numerusform>
            <numerusform>Locked after %n minutes without use.</numerusform>
        </translation>
    </message>
    <message>
        <source>Received %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staking rewards: %1 more to claim on the Staking page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting: unlocking the keys. Meanwhile the pages show the chain as last committed (block %1).</source>
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
    <name>allora::ui::NodePage</name>
    <message>
        <source>Node log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mempool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hashes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No node in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network yet: create a local network on the Overview page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · moniker %2 · engine %3 · version %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (blocks %2 to %1 stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n second(s) ago)</source>
        <translation>
            <numerusform>%1 (%n second ago)</numerusform>
            <numerusform>%1 (%n seconds ago)</numerusform>
        </translation>
    </message>
    <message>
        <source>no block yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s), %1</source>
        <translation>
            <numerusform>%n transaction, %1</numerusform>
            <numerusform>%n transactions, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>This node does not validate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · voting power %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block %1
app   %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
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
    <message>
        <source>Your stake delegated to topics&apos; reputers (Staking page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewards of your delegations, not claimed yet</source>
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
        <source>&amp;Memo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and &amp;send</source>
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
        <source>Sent: included in block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a wallet first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::SettingsPage</name>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALLO (1 ALLO = 10¹⁸ uallo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uallo (whole units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit of amounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the wallet after minutes without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify me of incoming funds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify me of staking &amp;rewards as they accrue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rewards of your delegations to reputers, at most one notice every few minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amounts in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking forgets any password typed in this window; keys are never kept unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::StakingPage</name>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reputer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount in ALLO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount to delegate in ALLO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delegate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending rewards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your delegations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Claim rewards…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and &amp;send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staking: included in block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;eputer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegating adds your stake to a reputer&apos;s: it weighs their scores of the workers, and you earn a share of their rewards. Removing waits for the chain&apos;s delay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is not running: start it on the Overview page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the staking state: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · own %2 · delegated %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic exists yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This topic has no reputers to delegate to yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Transaction fee: %1 · removing stake takes %n block(s) (%2).</source>
        <translation>
            <numerusform>Transaction fee: %1 · removing stake takes %n block (%2).</numerusform>
            <numerusform>Transaction fee: %1 · removing stake takes %n blocks (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 back at block %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a topic and one of its reputers first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount to delegate in ALLO, more than zero. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delegate %1 to reputer %2 in topic %3, with a transaction fee of %4. Taking it back later waits %n block(s).</source>
        <translation>
            <numerusform>Delegate %1 to reputer %2 in topic %3, with a transaction fee of %4. Taking it back later waits %n block.</numerusform>
            <numerusform>Delegate %1 to reputer %2 in topic %3, with a transaction fee of %4. Taking it back later waits %n blocks.</numerusform>
        </translation>
    </message>
    <message>
        <source>Claim %1 of rewards from reputer %2 in topic %3, with a transaction fee of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove your %1 from reputer %2 in topic %3. It comes back after %n block(s), %4; the transaction fee is %5.</source>
        <translation>
            <numerusform>Remove your %1 from reputer %2 in topic %3. It comes back after %n block, %4; the transaction fee is %5.</numerusform>
            <numerusform>Remove your %1 from reputer %2 in topic %3. It comes back after %n blocks, %4; the transaction fee is %5.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>allora::ui::TopicCharts</name>
    <message>
        <source>Network inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of each inferer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regret of each inferer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W&amp;eights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence band (±1σ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>naive inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block height of the epoch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::TopicDetailWidget</name>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributors to the latest network inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest network inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EMA score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants of the topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a topic to see its workers, inferences and charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the topic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss method %1 · epoch %2 blocks · ground-truth lag %3 blocks · submission window %4 blocks · p-norm %5 · regret α %6 · ε %7 · negative values %8 · weight %9 · stake %10 · revenue %11 · %12 · created by %13</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (naive %2) at block %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No confidence band for this epoch (too few workers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence band (percentiles 2.28, 15.87, 50, 84.13, 97.72): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inferer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forecaster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: the first epoch with inferences has not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reputer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s) charted</source>
        <translation>
            <numerusform>%n epoch charted</numerusform>
            <numerusform>%n epochs charted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>allora::ui::TopicListModel</name>
    <message>
        <source>Created by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch (blocks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This topic&apos;s share of the active topics&apos; combined weight, which sets its share of each epoch&apos;s rewards. Weight on chain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; 0.01 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight share</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::TopicsPage</name>
    <message>
        <source>Search by id, description or loss method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Buy an inference…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delegate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is not running: start it on the Overview page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n topic</numerusform>
            <numerusform>%n topics</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>allora::ui::TxPanel</name>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passw&amp;ord:</source>
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
        <source>Failed in block %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::TxRecord</name>
    <message>
        <source>Paid topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staked on topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delegated on topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked to unstake %1 from topic %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked to undelegate %1 from topic %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claimed rewards of topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created a topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered as reputer on topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered as worker on topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference for topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Losses for topic %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allora::ui::TxSubmitter</name>
    <message>
        <source>The node is not running: start it on the Overview page first.</source>
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
    <message>
        <source>Word to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word number %1 of your recovery phrase</source>
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
